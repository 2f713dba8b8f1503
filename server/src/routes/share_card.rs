//! `GET /share.png`: the site's card for pages shared without a picture of their own
//! (Open Graph asks for 1200 × 630). Drawn in code once, on first request, in the
//! header's colours: the "K" badge and three lines standing for text.

use axum::{http::header, response::IntoResponse};
use std::sync::OnceLock;

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
const BRAND: [u8; 3] = [0x0a, 0x3d, 0x8f];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const ACCENT: [u8; 3] = [0xff, 0xbf, 0x47];

/// Distance from `p` to the segment `a`–`b`.
fn to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

fn colour_at(x: u32, y: u32) -> [u8; 3] {
    let p = (x as f32, y as f32);
    let centre = (300.0, 300.0);
    let in_badge = ((p.0 - centre.0).powi(2) + (p.1 - centre.1).powi(2)).sqrt() <= 170.0;
    if in_badge {
        // The letter K: a stem and two arms, 36 px thick.
        let strokes =
            [((245.0, 200.0), (245.0, 400.0)), ((250.0, 305.0), (360.0, 200.0)), ((280.0, 280.0), (365.0, 400.0))];
        let on_letter = strokes.iter().any(|(a, b)| to_segment(p, *a, *b) <= 18.0);
        return if on_letter { BRAND } else { WHITE };
    }
    // Three lines of "text" to the right, rounded at their ends.
    let lines = [((560.0, 240.0), (1050.0, 240.0)), ((560.0, 320.0), (980.0, 320.0)), ((560.0, 400.0), (860.0, 400.0))];
    if lines.iter().any(|(a, b)| to_segment(p, *a, *b) <= 16.0) {
        return WHITE;
    }
    if y >= HEIGHT - 24 {
        return ACCENT;
    }
    BRAND
}

fn draw() -> Vec<u8> {
    let card = image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| image::Rgb(colour_at(x, y)));
    let mut out = std::io::Cursor::new(Vec::new());
    card.write_to(&mut out, image::ImageFormat::Png).expect("a PNG is written to memory");
    out.into_inner()
}

pub async fn share_card() -> impl IntoResponse {
    static CARD: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = match CARD.get() {
        Some(bytes) => bytes.clone(),
        None => {
            let drawn = tokio::task::spawn_blocking(draw).await.unwrap_or_default();
            CARD.get_or_init(|| drawn).clone()
        }
    };
    ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "public, max-age=86400")], bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_card_is_a_png_of_the_size_open_graph_asks_for() {
        let bytes = super::draw();
        let card = image::load_from_memory(&bytes).unwrap();
        assert_eq!((card.width(), card.height()), (1200, 630));
        assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    }
}
