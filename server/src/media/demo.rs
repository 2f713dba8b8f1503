//! Demo pictures and a demo document, drawn in code (no picture files in the
//! repository) and stored through the same path as an upload: processed, stored under
//! their content's name, recorded and attached with their text alternatives.
//! Idempotent: content that already has files gets none.

use super::store::Store;
use super::{keep, process, Kind, Limits, Prepared};
use app::db::Db;
use app::media::storage;
use app::media::Parent;

/// A landscape drawn from a few shapes: sky, a river or a square, trees, a building.
#[derive(Clone, Copy)]
enum Scene {
    Square,
    River,
    Park,
}

fn draw(scene: Scene, width: u32, height: u32) -> image::RgbImage {
    let horizon = height * 11 / 20;
    image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let tree = |cx: f32, cy: f32, r: f32| ((fx - cx) * 1.6).powi(2) + (fy - cy).powi(2) < r * r;
        let sky = image::Rgb([(120.0 + 80.0 * fy) as u8, (170.0 + 60.0 * fy) as u8, 235]);
        if y < horizon {
            let building = match scene {
                Scene::Square => (0.55..0.8).contains(&fx) && fy > 0.25,
                Scene::River => (0.1..0.22).contains(&fx) && fy > 0.2,
                Scene::Park => false,
            };
            if building {
                let window = ((fx * 60.0) as u32 % 3 == 0) && ((fy * 40.0) as u32 % 3 == 0);
                return if window { image::Rgb([250, 226, 150]) } else { image::Rgb([196, 120, 92]) };
            }
            if tree(0.3, 0.45, 0.12) || tree(0.9, 0.47, 0.1) || (matches!(scene, Scene::Park) && tree(0.6, 0.42, 0.16))
            {
                return image::Rgb([(50.0 + 40.0 * fx) as u8, (120.0 + 30.0 * fy) as u8, 60]);
            }
            return sky;
        }
        let ground = match scene {
            Scene::Square => image::Rgb([(170.0 + 30.0 * fx) as u8, 160, 150]),
            Scene::River if fy < 0.75 => image::Rgb([60, (110.0 + 40.0 * fx) as u8, (170.0 + 40.0 * fy) as u8]),
            _ => image::Rgb([(80.0 + 40.0 * fy) as u8, (150.0 + 30.0 * fx) as u8, 70]),
        };
        // A bench: the same in every scene, near the front.
        if (0.4..0.6).contains(&fx) && (0.82..0.86).contains(&fy) {
            return image::Rgb([110, 72, 40]);
        }
        ground
    })
}

fn jpeg(scene: Scene) -> Vec<u8> {
    let picture = draw(scene, 1600, 900);
    let mut out = std::io::Cursor::new(Vec::new());
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    picture.write_with_encoder(encoder).expect("encoding a drawn picture in memory does not fail");
    out.into_inner()
}

/// A one-page PDF with `lines` of text (Helvetica, the PDF's own font, Latin only).
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 14 Tf 72 770 Td 18 TL");
    for line in lines {
        let escaped: String = line
            .chars()
            .filter(char::is_ascii)
            .flat_map(|c| if matches!(c, '(' | ')' | '\\') { vec!['\\', c] } else { vec![c] })
            .collect();
        text.push_str(&format!(" ({escaped}) Tj T*"));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

struct DemoFile {
    slug_or_title: &'static str,
    parent_kind: &'static str,
    scene: Option<Scene>,
    name: &'static str,
    alts: [&'static str; 3],
}

const FILES: &[DemoFile] = &[
    DemoFile {
        slug_or_title: "zielony-rynek-podgorski",
        parent_kind: "consultation",
        scene: Some(Scene::Square),
        name: "rynek-podgorski.jpg",
        alts: [
            "Rynek Podgórski w słoneczny dzień: kamienica, dwa drzewa i ławka na szerokim placu",
            "Podgórze Market Square on a sunny day: a town house, two trees and a bench on a wide square",
            "Подгурська ринкова площа в сонячний день: кам'яниця, два дерева й лавка на широкій площі",
        ],
    },
    DemoFile {
        slug_or_title: "zielony-rynek-podgorski",
        parent_kind: "consultation",
        scene: None,
        name: "Koncepcja przebudowy - streszczenie.pdf",
        alts: ["", "", ""],
    },
    DemoFile {
        slug_or_title: "bulwary-wisly-miejsca-odpoczynku",
        parent_kind: "consultation",
        scene: Some(Scene::River),
        name: "bulwary.jpg",
        alts: [
            "Bulwar nad Wisłą: rzeka, drzewa na brzegu i ławka przy ścieżce",
            "The Vistula boulevard: the river, trees on the bank and a bench by the path",
            "Бульвар над Віслою: річка, дерева на березі й лавка біля доріжки",
        ],
    },
    DemoFile {
        slug_or_title: "Zielone podwórko przy Rydlówce",
        parent_kind: "budget_project",
        scene: Some(Scene::Park),
        name: "podworko.jpg",
        alts: [
            "Podwórko, które ma się zazielenić: trawnik, trzy drzewa i ławka",
            "The courtyard to be made green: a lawn, three trees and a bench",
            "Подвір'я, яке стане зеленим: газон, три дерева й лавка",
        ],
    },
];

/// The id of the content a demo file goes to.
async fn parent_of(db: &Db, file: &DemoFile) -> Result<Option<Parent>, sqlx::Error> {
    let sql = match file.parent_kind {
        "consultation" => "select id from consultations where slug = $1",
        _ => "select id from budget_projects where title = $1 order by id limit 1",
    };
    let row: Option<(i64,)> = sqlx::query_as(sql).bind(file.slug_or_title).fetch_optional(db).await?;
    Ok(row.and_then(|(id,)| Parent::of(file.parent_kind, id)))
}

/// Attaches the demo files to the demo content that has none yet; returns how many.
pub async fn load(db: &Db, store: &Store, now: i64) -> Result<usize, String> {
    let moderator: Option<(i64,)> = sqlx::query_as("select id from users where email = 'moderator@demo.krakow.pl'")
        .fetch_optional(db)
        .await
        .map_err(|e| e.to_string())?;
    let Some((uploaded_by,)) = moderator else { return Ok(0) };
    let mut added = 0;
    let mut done: Vec<Parent> = Vec::new();
    for file in FILES {
        let Some(parent) = parent_of(db, file).await.map_err(|e| e.to_string())? else { continue };
        if !done.contains(&parent) && !storage::list(db, parent).await.map_err(|e| e.to_string())?.is_empty() {
            continue;
        }
        done.push(parent);
        let prepared = match file.scene {
            Some(scene) => {
                let photo = jpeg(scene);
                let picture = process(&photo, &Limits::default()).map_err(|r| r.code().to_owned())?;
                Prepared::picture(Kind::Jpeg, photo.len(), picture)
            }
            None => Prepared::document(
                Kind::Pdf,
                pdf(&[
                    "Koncepcja przebudowy Rynku Podgorskiego - streszczenie",
                    "",
                    "Nowe drzewa, rozszczelniona nawierzchnia, retencja wody deszczowej.",
                    "Miejsce na targi, koncerty i ogrodki kawiarniane.",
                ]),
            ),
        };
        let item = keep(db, store, prepared, file.name, uploaded_by, now).await?;
        storage::attach(db, &item.id, uploaded_by, parent, file.alts, now).await.map_err(|e| e.to_string())?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_document_is_a_pdf_and_the_pictures_are_small() {
        let document = pdf(&["Hello (world)"]);
        assert_eq!(super::super::sniff(&document), Ok(Kind::Pdf));
        let text = String::from_utf8(document).unwrap();
        assert!(text.contains("(Hello \\(world\\)) Tj"));
        let xref: usize = text.lines().rev().nth(1).unwrap().parse().unwrap();
        assert!(text[xref..].starts_with("xref"), "startxref points at the table");
        for scene in [Scene::Square, Scene::River, Scene::Park] {
            let picture = process(&jpeg(scene), &Limits::default()).unwrap();
            assert!(picture.renditions.iter().all(|r| r.bytes.len() < 100_000));
        }
    }
}
