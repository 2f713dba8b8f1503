//! Uploaded files: what a file is, decided from its first bytes (never from its name or
//! the type the browser claims), and pictures decoded within limits and encoded again at
//! the responsive widths, the EXIF orientation applied first and every piece of metadata
//! (a resident's GPS position among them) left behind.

pub mod demo;
pub mod routes;
pub mod store;

use image::{DynamicImage, ImageError, ImageReader};
use std::io::Cursor;

/// The kinds of file the platform accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Pdf => "application/pdf",
        }
    }

    /// Its name in the database (`media.kind`, `media_files.format`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpeg",
            Kind::Png => "png",
            Kind::Webp => "webp",
            Kind::Pdf => "pdf",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
            Kind::Pdf => "pdf",
        }
    }

    pub fn is_image(self) -> bool {
        self != Kind::Pdf
    }

    fn format(self) -> Option<image::ImageFormat> {
        match self {
            Kind::Jpeg => Some(image::ImageFormat::Jpeg),
            Kind::Png => Some(image::ImageFormat::Png),
            Kind::Webp => Some(image::ImageFormat::WebP),
            Kind::Pdf => None,
        }
    }
}

/// Why an upload is refused; [`Refusal::code`] is the key of its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A file of 0 bytes.
    Empty,
    /// Over the size limit of its kind.
    TooLarge,
    /// Not a JPEG, PNG or WebP picture nor a PDF document, whatever its name says.
    Unsupported,
    /// Says it is a picture but cannot be decoded (truncated, damaged).
    Damaged,
    /// A picture wider or taller, or needing more memory, than the limits allow (a
    /// decompression bomb is refused before its pixels are allocated).
    TooManyPixels,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Empty => "upload_empty",
            Refusal::TooLarge => "upload_too_large",
            Refusal::Unsupported => "upload_type",
            Refusal::Damaged => "upload_damaged",
            Refusal::TooManyPixels => "upload_too_many_pixels",
        }
    }
}

/// The limits of uploads (settings).
#[derive(Clone, Debug)]
pub struct Limits {
    pub image_bytes: usize,
    pub document_bytes: usize,
    /// The widest and tallest picture decoded, in pixels.
    pub max_side: u32,
    /// The most memory one decode may take, in bytes.
    pub max_alloc: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { image_bytes: 15 << 20, document_bytes: 25 << 20, max_side: 12_000, max_alloc: 256 << 20 }
    }
}

/// What the first bytes say the file is.
pub fn sniff(bytes: &[u8]) -> Result<Kind, Refusal> {
    match bytes {
        [] => Err(Refusal::Empty),
        [0xFF, 0xD8, 0xFF, ..] => Ok(Kind::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Ok(Kind::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Ok(Kind::Webp),
        [b'%', b'P', b'D', b'F', b'-', ..] => Ok(Kind::Pdf),
        _ => Err(Refusal::Unsupported),
    }
}

/// The kind of an upload within its size limit.
pub fn accept(bytes: &[u8], limits: &Limits) -> Result<Kind, Refusal> {
    let kind = sniff(bytes)?;
    let limit = if kind.is_image() { limits.image_bytes } else { limits.document_bytes };
    if bytes.len() > limit {
        return Err(Refusal::TooLarge);
    }
    Ok(kind)
}

/// The uploaded file's name, kept only as text to show: its last path part, without
/// control characters, at most 120 characters. Escaping it is the page's job; it never
/// names a stored file.
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    if clean.is_empty() {
        "plik".to_owned()
    } else {
        clean.to_owned()
    }
}

/// The widths a picture is made available at (never wider than it is).
pub const WIDTHS: [u32; 3] = [320, 640, 1280];

/// The encodings made at each width: WebP for browsers that take it (a `<source>`),
/// JPEG for the rest. WebP is lossy, by libwebp: the `image` crate encodes WebP
/// losslessly only, and for a 12-megapixel photo its 1280 px rendition was 897 KB
/// against 57 KB for JPEG (`server/examples/media_bench.rs`).
pub const RENDITION_KINDS: [Kind; 2] = [Kind::Webp, Kind::Jpeg];

/// Quality of the lossy encodings: about the same file size for WebP and JPEG at these
/// settings, WebP looking the better of the two.
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 75.0;

/// One encoding of a picture at one width.
#[derive(Clone, Debug)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// A picture as stored: its upright size and its renditions.
#[derive(Clone, Debug)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
}

/// Decodes a picture within `limits`, turns it upright, and encodes it again in each of
/// [`RENDITION_KINDS`] at each responsive width. Only pixels pass: no metadata is copied.
/// CPU-bound: call it off the async runtime ([`process_off_runtime`]).
pub fn process(bytes: &[u8], limits: &Limits) -> Result<Picture, Refusal> {
    let kind = accept(bytes, limits)?;
    let format = kind.format().ok_or(Refusal::Unsupported)?;
    let picture = decode(bytes, format, limits)?;
    let (width, height) = (picture.width(), picture.height());
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    let largest = width.min(WIDTHS[WIDTHS.len() - 1]);
    if !widths.contains(&largest) {
        widths.push(largest);
    }
    let mut renditions = Vec::with_capacity(widths.len() * 2);
    for w in widths {
        let scaled = if w == width {
            picture.clone()
        } else {
            picture.resize(w, u32::MAX, image::imageops::FilterType::CatmullRom)
        };
        let rgb = on_white(&scaled);
        for kind in RENDITION_KINDS {
            let bytes = match kind {
                Kind::Webp => webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
                    .encode_simple(false, WEBP_QUALITY)
                    .map_err(|_| Refusal::Damaged)?
                    .to_vec(),
                _ => {
                    let mut out = Cursor::new(Vec::new());
                    rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
                        .map_err(|_| Refusal::Damaged)?;
                    out.into_inner()
                }
            };
            renditions.push(Rendition { width: rgb.width(), height: rgb.height(), kind, bytes });
        }
    }
    Ok(Picture { width, height, renditions })
}

/// [`process`] on a thread of its own at a lower priority (nice 10), so that requests
/// keep being answered meanwhile; pictures wait their turn, so that processing leaves
/// the other cores to the requests.
pub async fn process_off_runtime(bytes: Vec<u8>, limits: Limits) -> Result<Picture, Refusal> {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let turns = TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1))
    });
    let _turn = turns.acquire().await.map_err(|_| Refusal::Damaged)?;
    let (done, result) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("picture".into()).spawn(move || {
        // Only this thread is lowered (a thread id names one thread on Linux); a
        // failure leaves it at the normal priority, which is still correct.
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
        let _ = done.send(process(&bytes, &limits));
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start a thread to process a picture");
        return Err(Refusal::Damaged);
    }
    result.await.unwrap_or(Err(Refusal::Damaged))
}

/// An upload ready to be stored: a picture's renditions, or a document as it came.
pub struct Prepared {
    pub kind: Kind,
    /// The upright picture's size (0 for a document).
    pub width: u32,
    pub height: u32,
    /// The size of the file as uploaded.
    pub bytes: usize,
    pub files: Vec<Rendition>,
}

impl Prepared {
    pub fn picture(kind: Kind, uploaded_bytes: usize, picture: Picture) -> Prepared {
        Prepared {
            kind,
            width: picture.width,
            height: picture.height,
            bytes: uploaded_bytes,
            files: picture.renditions,
        }
    }

    pub fn document(kind: Kind, bytes: Vec<u8>) -> Prepared {
        Prepared {
            kind,
            width: 0,
            height: 0,
            bytes: bytes.len(),
            files: vec![Rendition { width: 0, height: 0, kind, bytes }],
        }
    }
}

/// Checks an upload and, for a picture, makes its renditions (off the async runtime).
pub async fn prepare(bytes: Vec<u8>, limits: Limits) -> Result<Prepared, Refusal> {
    let kind = accept(&bytes, &limits)?;
    if !kind.is_image() {
        return Ok(Prepared::document(kind, bytes));
    }
    let uploaded = bytes.len();
    Ok(Prepared::picture(kind, uploaded, process_off_runtime(bytes, limits).await?))
}

/// Stores a prepared upload's files under their content's names, then records it,
/// unattached and `uploaded_by`'s; returns it as pages show it.
pub async fn keep(
    db: &app::db::Db,
    store: &store::Store,
    prepared: Prepared,
    file_name: &str,
    uploaded_by: i64,
    now: i64,
) -> Result<app::media::MediaItem, String> {
    let mut files = Vec::with_capacity(prepared.files.len());
    for r in prepared.files {
        let key = store::key_of(&r.bytes, r.kind.extension());
        let size = r.bytes.len() as i64;
        store.put(&key, r.bytes).await.map_err(|e| format!("cannot store an upload in {}: {e}", store.label))?;
        files.push(app::media::MediaFile {
            key,
            format: r.kind.code().to_owned(),
            width: r.width,
            height: r.height,
            bytes: size,
        });
    }
    let id = app::accounts::tokens::random_token();
    let name = display_name(file_name);
    let upload = app::media::storage::NewUpload {
        id: &id,
        kind: prepared.kind.code(),
        display_name: &name,
        bytes: prepared.bytes as i64,
        width: prepared.width,
        height: prepared.height,
        uploaded_by,
        files: &files,
    };
    app::media::storage::insert(db, &upload, now).await.map_err(|e| format!("cannot record an upload: {e}"))?;
    Ok(app::media::MediaItem {
        kind: prepared.kind.code().to_owned(),
        display_name: name,
        bytes: prepared.bytes as i64,
        width: prepared.width,
        height: prepared.height,
        alt_pl: String::new(),
        alt_en: String::new(),
        alt_uk: String::new(),
        files,
        id,
    })
}

fn decode(bytes: &[u8], format: image::ImageFormat, limits: &Limits) -> Result<DynamicImage, Refusal> {
    let refused = |e: ImageError| match e {
        ImageError::Limits(_) => Refusal::TooManyPixels,
        _ => Refusal::Damaged,
    };
    let mut bounds = image::Limits::default();
    bounds.max_image_width = Some(limits.max_side);
    bounds.max_image_height = Some(limits.max_side);
    bounds.max_alloc = Some(limits.max_alloc);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(bounds);
    let mut decoder = reader.into_decoder().map_err(refused)?;
    // Not every decoder holds itself to `max_alloc`: the pixels' size is known before
    // any is decoded, so check it here too.
    if image::ImageDecoder::total_bytes(&decoder) > limits.max_alloc {
        return Err(Refusal::TooManyPixels);
    }
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refused)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// The picture's pixels over white (JPEG has no transparency).
fn on_white(picture: &DynamicImage) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;

    fn jpeg(width: u32, height: u32, exif: Option<Vec<u8>>) -> Vec<u8> {
        let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new(&mut out);
        if let Some(exif) = exif {
            encoder.set_exif_metadata(exif).unwrap();
        }
        encoder.write_image(&pixels, width, height, image::ExtendedColorType::Rgb8).unwrap();
        out
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let pixels = vec![200u8; (width * height * 4) as usize];
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixels, width, height, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    /// A little-endian EXIF block with an orientation and a GPS latitude reference.
    fn exif(orientation: u8) -> Vec<u8> {
        let mut exif = b"II\x2a\0\x08\0\0\0\x02\0".to_vec();
        exif.extend_from_slice(&[0x12, 0x01, 0x03, 0, 1, 0, 0, 0, orientation, 0, 0, 0]);
        exif.extend_from_slice(&[0x25, 0x88, 0x04, 0, 1, 0, 0, 0, 0x26, 0, 0, 0]);
        exif.extend_from_slice(&[0, 0, 0, 0]);
        exif.extend_from_slice(b"\x01\0GPSKRAKOW50N\0");
        exif
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn the_kind_comes_from_the_content_never_the_name() {
        assert_eq!(sniff(&jpeg(8, 8, None)), Ok(Kind::Jpeg));
        assert_eq!(sniff(&png(8, 8)), Ok(Kind::Png));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8L"), Ok(Kind::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n"), Ok(Kind::Pdf));
        // An executable renamed to .jpg, an SVG with a script, HTML, a 0-byte file.
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0\x04\0"), Err(Refusal::Unsupported));
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01"), Err(Refusal::Unsupported));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sniff(svg), Err(Refusal::Unsupported));
        assert_eq!(sniff(b"<!DOCTYPE html><script>"), Err(Refusal::Unsupported));
        assert_eq!(sniff(b""), Err(Refusal::Empty));
        assert_eq!(process(b"", &Limits::default()).err(), Some(Refusal::Empty));
    }

    #[test]
    fn each_kind_has_its_size_limit() {
        let limits = Limits { image_bytes: 1_000, document_bytes: 2_000, ..Limits::default() };
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.resize(1_500, b' ');
        assert_eq!(accept(&pdf, &limits), Ok(Kind::Pdf));
        pdf.resize(2_001, b' ');
        assert_eq!(accept(&pdf, &limits), Err(Refusal::TooLarge));
        let big = jpeg(64, 64, None);
        assert!(big.len() > 1_000);
        assert_eq!(process(&big, &limits).err(), Some(Refusal::TooLarge));
    }

    #[test]
    fn every_refusal_has_its_message() {
        let all = [Refusal::Empty, Refusal::TooLarge, Refusal::Unsupported, Refusal::Damaged, Refusal::TooManyPixels];
        for refusal in all {
            assert!(app::i18n::Locale::Uk.media_code(refusal.code()).is_some(), "{refusal:?}");
        }
    }

    #[test]
    fn a_file_name_is_only_text_to_show() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\ola\\skan wniosku.pdf"), "skan wniosku.pdf");
        assert_eq!(display_name("<script>alert(1)</script>.jpg"), "script>.jpg");
        assert_eq!(display_name("plan\u{0}\u{7}.pdf"), "plan.pdf");
        assert_eq!(display_name(".."), "plik");
        assert_eq!(display_name(""), "plik");
        assert_eq!(display_name(&"ż".repeat(300)).chars().count(), 120);
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_its_pixels_exist() {
        // A valid 1 × 1 PNG whose header is rewritten to claim 100,000 × 100,000.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(bomb.len() < 100);
        assert_eq!(process(&bomb, &Limits::default()).err(), Some(Refusal::TooManyPixels));
        // Within the side limit, but more memory than allowed.
        let small_budget = Limits { max_alloc: 1 << 20, ..Limits::default() };
        assert_eq!(process(&png(1_000, 1_000), &small_budget).err(), Some(Refusal::TooManyPixels));
    }

    #[test]
    fn a_truncated_picture_is_refused() {
        let whole = jpeg(64, 48, None);
        assert_eq!(process(&whole[..200], &Limits::default()).err(), Some(Refusal::Damaged));
        let whole = png(64, 48);
        assert_eq!(process(&whole[..40], &Limits::default()).err(), Some(Refusal::Damaged));
    }

    #[test]
    fn pictures_come_out_upright_at_each_width_without_metadata() {
        // 6: the camera was turned; the upright picture is 650 wide and 1,300 tall.
        let photo = jpeg(1_300, 650, Some(exif(6)));
        assert!(photo.windows(6).any(|w| w == b"Exif\0\0"), "the fixture carries EXIF");
        let picture = process(&photo, &Limits::default()).unwrap();
        assert_eq!((picture.width, picture.height), (650, 1_300));
        let sizes: Vec<(u32, u32, Kind)> = picture.renditions.iter().map(|r| (r.width, r.height, r.kind)).collect();
        let expected: Vec<(u32, u32, Kind)> = [(320, 640), (640, 1_280), (650, 1_300)]
            .into_iter()
            .flat_map(|(w, h)| [(w, h, Kind::Webp), (w, h, Kind::Jpeg)])
            .collect();
        assert_eq!(sizes, expected);
        for r in &picture.renditions {
            assert_eq!(sniff(&r.bytes), Ok(r.kind));
            assert!(!r.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF left");
            assert!(!r.bytes.windows(9).any(|w| w == b"GPSKRAKOW"), "no position left");
        }
        // A small picture keeps its own width only.
        let small = process(&png(200, 100), &Limits::default()).unwrap();
        assert!(small.renditions.iter().all(|r| (r.width, r.height) == (200, 100)));
    }
}
