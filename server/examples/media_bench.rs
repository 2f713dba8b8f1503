//! How long a 12-megapixel photo takes to become the site's renditions (decoded within
//! the limits, turned upright, 320/640/1280 px), and the process's peak memory; and, for
//! the choice of formats, the 1280 px picture as lossless WebP (the `image` crate's only
//! WebP encoder). The photo is made here (4,000 × 3,000, a smooth picture with fine detail and
//! an EXIF block), never read from a file. Median of 5 runs.
//!
//! `CARGO_TARGET_DIR=… cargo run --release -p server --features ssr --example media_bench`

use image::ImageEncoder;
use server::media::{process, Kind, Limits};
use std::time::Instant;

fn photo() -> Vec<u8> {
    let (width, height) = (4_000u32, 3_000u32);
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let detail = ((x * 7 + y * 13) % 17) as u8;
            pixels.extend_from_slice(&[(x / 16) as u8 ^ detail, (y / 12) as u8, ((x + y) / 28) as u8 + detail]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(b"II\x2a\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x01\0\0\0\0\0\0\0".to_vec()).ok();
    encoder.write_image(&pixels, width, height, image::ExtendedColorType::Rgb8).expect("an encodable photo");
    out
}

fn peak_rss_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or_else(|| "unknown".to_owned(), |kb| format!("{:.0} MB", kb / 1024.0))
}

#[allow(clippy::print_stdout)] // The figures are the example's output.
fn main() {
    let photo = photo();
    let before = peak_rss_mb();
    let mut runs = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let started = Instant::now();
        last = Some(process(&photo, &Limits::default()).expect("a valid photo"));
        runs.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(f64::total_cmp);
    let picture = last.expect("five runs");
    let sizes: Vec<String> = picture
        .renditions
        .iter()
        .map(|r| {
            format!("{}px {} {} KB", r.width, if r.kind == Kind::Webp { "WebP" } else { "JPEG" }, r.bytes.len() / 1024)
        })
        .collect();
    println!(
        "a 4000 × 3000 JPEG of {} KB: median {:.0} ms (runs {:.0}–{:.0} ms)",
        photo.len() / 1024,
        runs[2],
        runs[0],
        runs[4]
    );
    println!("  renditions: {}", sizes.join(", "));
    let after = peak_rss_mb();
    let wide = image::load_from_memory(&photo)
        .expect("a valid photo")
        .resize(1_280, u32::MAX, image::imageops::FilterType::CatmullRom)
        .to_rgb8();
    let mut webp = Vec::new();
    image::DynamicImage::ImageRgb8(wide)
        .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut webp))
        .expect("an encodable picture");
    println!("  the 1280 px picture as lossless WebP: {} KB", webp.len() / 1024);
    println!("  peak RSS: {before} before processing (the photo made in memory), {after} after");
}
