//! Pictures and documents, once per backend, through HTTP as DK-04, applicants and
//! strangers use them: a refused upload keeps the form and the file already received,
//! each bad file gets its message next to the field; a picture is stored only as
//! renditions without metadata; who may fetch a file follows from its parent on every
//! request (a draft's and an application's files are private, a published
//! consultation's are public and cached for a year); removing a file and the daily
//! garbage collection delete what no upload uses. The S3 path runs against a real
//! S3-compatible server when the test command started one (`TEST_S3_ENDPOINT`).

mod common;

use app::accounts::model::Role;
use common::{backends, spawn_app, spawn_app_with, TestApp};
use reqwest::multipart::{Form, Part};

const PASSWORD: &str = "ciepły wiatr znad wisły";
const DAY: i64 = 86_400;

fn photo(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    pixels.write_with_encoder(image::codecs::jpeg::JpegEncoder::new(&mut out)).unwrap();
    out.into_inner()
}

/// A PNG header claiming 100,000 × 100,000 pixels (a decompression bomb's calling card).
fn bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn pdf() -> Vec<u8> {
    server::media::demo::pdf(&["Projekt uchwaly", "Zalacznik nr 1"])
}

/// Posts an upload form: the text fields, then the file (as a browser orders them).
async fn upload(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
    cookie: &str,
) -> (u16, String) {
    upload_as(app, path, fields, "file", file, cookie).await
}

/// [`upload`] with the file in the field `field`.
async fn upload_as(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    field: &str,
    file: Option<(&str, Vec<u8>)>,
    cookie: &str,
) -> (u16, String) {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, bytes)) = file {
        form =
            form.part(field.to_owned(), Part::bytes(bytes).file_name(name.to_owned()).mime_str("image/jpeg").unwrap());
    }
    let response = app
        .client
        .post(format!("{}{path}", app.address))
        .header("origin", &app.address)
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
    (status, location.unwrap_or(response.text().await.unwrap()))
}

async fn consultation(app: &TestApp, slug: &str, published: bool) -> i64 {
    use app::domain::consultation_phase::Schedule;
    let now = app::state::now();
    let c = app::consultations::storage::NewConsultation {
        slug: slug.to_owned(),
        title: format!("Konsultacje {slug}"),
        summary: "Podsumowanie".to_owned(),
        body_md: "Tekst.".to_owned(),
        kind: app::consultations::model::Kind::General,
        area: app::domain::district::Area::CityWide,
        topic: app::domain::topic::Topic::Greenery,
        organising_unit: "Zarząd Zieleni Miejskiej".to_owned(),
        schedule: Schedule::parse(now - 30 * DAY, now - 5 * DAY, now + 20 * DAY).unwrap(),
        report_published_at: None,
        published_at: published.then_some(now - 30 * DAY),
    };
    app::consultations::storage::insert(&app.state.db, &c, now).await.unwrap().unwrap()
}

/// The `/media/…` addresses in a page, in order.
fn media_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for part in html.split("/media/").skip(1) {
        let key: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        if server::media::store::is_key(&key) && !links.contains(&format!("/media/{key}")) {
            links.push(format!("/media/{key}"));
        }
    }
    links
}

async fn fetch(app: &TestApp, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_consultation_gets_a_picture_with_its_text_alternative_and_a_document() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
        let id = consultation(&app, "rynek", true).await;
        let action = format!("/moderation/consultations/{id}/media");

        // Bad files: each refused with its message next to the field, the texts kept.
        let alts = [("alt_pl", "Ławka na rynku"), ("alt_en", "A bench <b>on</b> the square"), ("alt_uk", "")];
        let mut truncated = photo(64, 48);
        truncated.truncate(truncated.len() / 2);
        let bad: [(&str, Vec<u8>, &str, u16); 6] = [
            (
                "program.jpg",
                b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec(),
                "Tego rodzaju pliku nie przyjmujemy",
                422,
            ),
            (
                "rysunek.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(),
                "Tego rodzaju pliku nie przyjmujemy",
                422,
            ),
            ("pusty.jpg", Vec::new(), "Plik jest pusty", 422),
            ("bomba.png", bomb(), "Zdjęcie jest za duże", 422),
            ("urwane.jpg", truncated, "Nie udało się odczytać zdjęcia", 422),
            ("duzy.pdf", [b"%PDF-1.4\n".to_vec(), vec![b' '; 26 << 20]].concat(), "Plik jest za duży", 413),
        ];
        for (name, bytes, message, status) in bad {
            let (code, page) = upload(&app, &action, &alts, Some((name, bytes)), &dk04).await;
            assert_eq!(code, status, "{name} on {backend:?}");
            assert!(page.contains(message), "{name}: {message}");
            assert!(page.contains("value=\"Ławka na rynku\""), "{name}: the text is kept");
            assert!(page.contains("A bench") && !page.contains("<b>on</b>"), "{name}: kept and escaped");
            assert!(page.contains("id=\"media-file-error\""), "{name}: next to the field");
        }
        assert_eq!(app.count("select count(*) from media").await, 0, "nothing stored of a refused file");

        // A picture without its Polish text alternative: refused, the file kept.
        let evil_name = "../../<script>alert(1)</script>.jpg";
        let (code, page) =
            upload(&app, &action, &[("alt_pl", "  ")], Some((evil_name, photo(2000, 1000))), &dk04).await;
        assert_eq!(code, 422);
        assert!(page.contains("Opisz, co przedstawia zdjęcie"));
        assert!(!page.contains("<script>alert(1)</script>"), "the name is escaped");
        let pending: (String, String) = sqlx::query_as("select id, display_name from media where parent_kind is null")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(pending.1, "script>.jpg", "the last part of the path, as text only");
        assert!(page.contains(&format!("name=\"file_pending\" value=\"{}\"", pending.0)));

        // Sent again with the alternative and no file: the one received is attached.
        let fields = [("file_pending", pending.0.as_str()), ("alt_pl", "Ławka na rynku"), ("alt_en", "A bench")];
        let (code, location) = upload(&app, &action, &fields, None, &dk04).await;
        assert_eq!(
            (code, location.as_str()),
            (303, format!("/moderation/consultations/{id}?done=media_added#media-editor").as_str())
        );
        let (code, _) = upload(&app, &action, &[], Some(("Uchwała nr 1.pdf", pdf())), &dk04).await;
        assert_eq!(code, 303, "a document needs no alternative");
        assert_eq!(app.count("select count(*) from media where parent_kind = 'consultation'").await, 2);
        assert_eq!(
            app.count("select count(*) from media_files f join media m on m.id = f.media_id where m.kind = 'jpeg'")
                .await,
            6,
            "320, 640 and 1280 px, each in WebP and JPEG; no original"
        );

        // The public page: a responsive picture with its size and alternative, the
        // document with its size.
        let (status, html) = app.get_text("/consultations/rynek").await;
        assert_eq!(status, 200);
        assert!(html.contains("<source type=\"image/webp\""), "{backend:?}");
        assert!(html.contains(" 320w, /media/") && html.contains(" 1280w\""));
        assert!(html.contains("width=\"1280\"") && html.contains("height=\"640\""));
        assert!(html.contains("alt=\"Ławka na rynku\""));
        assert!(html.contains("Uchwała nr 1.pdf") && html.contains("(PDF, 1\u{a0}KB)"));
        let links = media_links(&html);
        assert_eq!(links.len(), 7, "six renditions and the document");
        let picture = fetch(&app, &links[0], None).await;
        assert_eq!(picture.status(), 200);
        assert_eq!(picture.headers()["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(picture.headers()["x-content-type-options"], "nosniff");
        let content_type = picture.headers()["content-type"].to_str().unwrap().to_owned();
        let bytes = picture.bytes().await.unwrap();
        assert!(matches!(content_type.as_str(), "image/webp" | "image/jpeg"));
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no metadata");
        let document = links.iter().find(|l| l.ends_with(".pdf")).unwrap();
        let response = fetch(&app, document, None).await;
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(
            response.headers()["content-disposition"],
            "attachment; filename=\"Uchwa_a nr 1.pdf\"; filename*=UTF-8''Uchwa%C5%82a%20nr%201.pdf"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), pdf().as_slice(), "stored as uploaded");
        let etag = format!("\"{}\"", &links[0]["/media/".len()..]);
        let again = app.client.get(format!("{}{}", app.address, links[0])).header("if-none-match", &etag).send().await;
        assert_eq!(again.unwrap().status(), 304);

        // Unpublished: the same address is no longer anyone's but DK-04's.
        sqlx::query("update consultations set published_at = null where id = $1")
            .bind(id)
            .execute(&app.state.db)
            .await
            .unwrap();
        let anonymous = fetch(&app, &links[0], None).await;
        assert_eq!(anonymous.status(), 303, "asked to sign in");
        let resident_id = app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let anna = app.sign_in("anna@example.pl", PASSWORD).await;
        assert_eq!(fetch(&app, &links[0], Some(&anna)).await.status(), 404);
        let staff = fetch(&app, &links[0], Some(&dk04)).await;
        assert_eq!(staff.status(), 200);
        assert_eq!(staff.headers()["cache-control"], "private, no-store");
        assert_eq!(fetch(&app, "/media/..%2F..%2Fdialog.db", None).await.status(), 404);

        // Only DK-04 adds to a consultation.
        let (code, _) = upload(&app, &action, &[("alt_pl", "x")], Some(("a.jpg", photo(10, 10))), &anna).await;
        assert_eq!(code, 403);
        let _ = resident_id;

        // Removing the picture deletes its files; the document stays.
        let picture_id: (String,) =
            sqlx::query_as("select id from media where kind = 'jpeg'").fetch_one(&app.state.db).await.unwrap();
        let response = app.post_form(&format!("{action}/{}/delete", picture_id.0), &[], Some(&dk04)).await;
        assert_eq!(response.status(), 303);
        assert_eq!(fetch(&app, &links[0], Some(&dk04)).await.status(), 404);
        assert_eq!(fetch(&app, document, Some(&dk04)).await.status(), 200);
        assert_eq!(app.count("select count(*) from media_files").await, 1);
        let dk04_id: (i64,) = sqlx::query_as("select id from users where email = 'dk04@example.pl'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        let actions = app.audit_actions(dk04_id.0).await;
        assert_eq!(actions.iter().filter(|a| a.starts_with("media.")).count(), 3, "{actions:?}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_applicants_files_are_theirs_and_staffs_and_unattached_ones_are_collected() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let db = &app.state.db;
        let now = app::state::now();
        let owner = app.create_user("owner@example.pl", "Owner", PASSWORD, &[]).await;
        app.create_user("other@example.pl", "Other", PASSWORD, &[]).await;
        app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        let (me, other, dk04) = (
            app.sign_in("owner@example.pl", PASSWORD).await,
            app.sign_in("other@example.pl", PASSWORD).await,
            app.sign_in("dk04@example.pl", PASSWORD).await,
        );
        let kind = app::domain::initiative::ApplicantKind::Residents;
        let initiative =
            app::initiatives::storage::create_draft(db, owner, kind, None, &Default::default(), now).await.unwrap();
        let action = format!("/initiatives/applications/{initiative}/media");

        // Another resident cannot add to it; its owner can, while it is a draft.
        let (code, _) = upload(&app, &action, &[], Some(("skan.pdf", pdf())), &other).await;
        assert_eq!(code, 403, "{backend:?}");
        let (code, _) = upload(&app, &action, &[], Some(("skan.pdf", pdf())), &me).await;
        assert_eq!(code, 303);
        let (_, html) = app.get_with(&format!("/initiatives/applications/{initiative}"), &me).await;
        let links = media_links(&html);
        assert_eq!(links.len(), 1);
        let file = &links[0];

        // Submitted: still only the owner's and staff's, never public.
        sqlx::query("update initiatives set status = 'submitted' where id = $1")
            .bind(initiative)
            .execute(db)
            .await
            .unwrap();
        assert_eq!(fetch(&app, file, Some(&me)).await.status(), 200);
        assert_eq!(fetch(&app, file, Some(&dk04)).await.status(), 200);
        assert_eq!(fetch(&app, file, Some(&other)).await.status(), 404);
        assert_eq!(fetch(&app, file, None).await.status(), 303);
        let (code, page) = upload(&app, &action, &[], Some(("drugi.pdf", pdf())), &me).await;
        assert_eq!(code, 409, "no changes once submitted");
        assert!(page.contains("Tych plików nie można już zmieniać"));

        // A civic-budget project's photo: its owner's while a draft, public once submitted.
        let year = 2031;
        let day0 = now - 10 * DAY;
        let edition = app::budget::storage::Edition {
            year,
            calendar: app::domain::budget::Calendar {
                submission_starts: day0,
                verification_starts: day0 + 50 * DAY,
                protests_start: day0 + 100 * DAY,
                final_list_starts: day0 + 140 * DAY,
                voting_starts: day0 + 160 * DAY,
                results_start: day0 + 175 * DAY,
            },
            pools: app::domain::budget::Pools { city_wide: 1_000_000, districts: [100_000; 18] },
            rules: app::domain::budget::Rules::default(),
        };
        app::budget::storage::save_edition(db, &edition, owner, now).await.unwrap().unwrap();
        let project =
            app::budget::projects::create_draft(db, year, owner, kind, None, &Default::default(), now).await.unwrap();
        let action = format!("/budget/projects/{project}/media");
        let (code, _) =
            upload(&app, &action, &[("alt_pl", "Podwórko")], Some(("p.jpg", photo(400, 300))), &other).await;
        assert_eq!(code, 403);
        let (code, _) = upload(&app, &action, &[("alt_pl", "Podwórko")], Some(("p.jpg", photo(400, 300))), &me).await;
        assert_eq!(code, 303);
        let (_, html) = app.get_with(&format!("/budget/projects/{project}/edit"), &me).await;
        let photo_link = media_links(&html).pop().expect("the photo on the owner's page");
        assert!(html.contains("alt=\"Podwórko\""));
        assert_eq!(fetch(&app, &photo_link, None).await.status(), 303, "a draft's: sign in");
        assert_eq!(fetch(&app, &photo_link, Some(&other)).await.status(), 404);
        assert_eq!(fetch(&app, &photo_link, Some(&me)).await.status(), 200);
        sqlx::query("update budget_projects set status = 'submitted', seq = 1 where id = $1")
            .bind(project)
            .execute(db)
            .await
            .unwrap();
        assert_eq!(fetch(&app, &photo_link, None).await.status(), 200, "submitted: public");

        // An upload never attached is its uploader's alone, and gone after a day.
        let (code, _) =
            upload(&app, "/moderation/consultations/999999/media", &[], Some(("x.jpg", photo(20, 20))), &dk04).await;
        assert_eq!(code, 404, "no such consultation");
        let id = consultation(&app, "szkic", false).await;
        let (code, _) =
            upload(&app, &format!("/moderation/consultations/{id}/media"), &[], Some(("x.jpg", photo(30, 20))), &dk04)
                .await;
        assert_eq!(code, 422, "no alternative: kept unattached");
        let keys: Vec<(String,)> = sqlx::query_as(
            "select f.key from media_files f join media m on m.id = f.media_id where m.parent_kind is null",
        )
        .fetch_all(db)
        .await
        .unwrap();
        assert_eq!(keys.len(), 2, "one width, WebP and JPEG");
        let key = format!("/media/{}", keys[0].0);
        assert_eq!(fetch(&app, &key, Some(&dk04)).await.status(), 200);
        assert_eq!(fetch(&app, &key, Some(&me)).await.status(), 404);
        let (removed, orphans) = app::media::storage::collect_garbage(db, now - DAY).await.unwrap();
        assert_eq!((removed, orphans.len()), (0, 0), "younger than a day");
        sqlx::query("update media set created_at = created_at - 2 * 86400 where parent_kind is null")
            .execute(db)
            .await
            .unwrap();
        let (removed, orphans) = app::media::storage::collect_garbage(db, now - DAY).await.unwrap();
        assert_eq!((removed, orphans.len()), (1, 2));
        assert_eq!(app.count("select count(*) from media").await, 2, "the attached ones stay");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn uploads_kept_in_s3_compatible_storage_are_served_the_same() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(!ci, "CI=true requires the S3-compatible test server (TEST_S3_ENDPOINT)");
        eprintln!("\n!!! TEST_S3_ENDPOINT is not set: the S3 path is not tested here. !!!\n");
        return;
    };
    // The bucket the test command created; credentials and region are the server's own.
    std::env::set_var("AWS_ENDPOINT", &endpoint);
    std::env::set_var("AWS_ALLOW_HTTP", "true");
    let app = spawn_app_with(common::Backend::Sqlite, |config| {
        config.media_store = Some("s3://dialog-test".to_owned());
    })
    .await;
    app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
    let dk04 = app.sign_in("dk04@example.pl", PASSWORD).await;
    let id = consultation(&app, "s3", true).await;
    let fields = [("alt_pl", "Plac")];
    let (code, _) = upload(
        &app,
        &format!("/moderation/consultations/{id}/media"),
        &fields,
        Some(("p.jpg", photo(700, 400))),
        &dk04,
    )
    .await;
    assert_eq!(code, 303);
    let (_, html) = app.get_text("/consultations/s3").await;
    let links = media_links(&html);
    assert_eq!(links.len(), 6, "320, 640 and its own 700 px, in two formats");
    for link in &links {
        let response = fetch(&app, link, None).await;
        assert_eq!(response.status(), 200, "{link}");
        assert!(!response.bytes().await.unwrap().is_empty());
    }
    // Straight from the bucket (a client of its own): the object is there under its
    // content's name.
    let bucket = server::media::store::Store::s3("s3://dialog-test").unwrap();
    let key = &links[0]["/media/".len()..];
    assert!(bucket.get(key).await.unwrap().is_some(), "the object is in the bucket");
    let picture: (String,) = sqlx::query_as("select id from media").fetch_one(&app.state.db).await.unwrap();
    let response =
        app.post_form(&format!("/moderation/consultations/{id}/media/{}/delete", picture.0), &[], Some(&dk04)).await;
    assert_eq!(response.status(), 303);
    assert_eq!(bucket.get(key).await.unwrap(), None, "deleted from the bucket");
    app.cleanup().await;
}

#[tokio::test]
async fn a_letters_scan_comes_with_its_remark_and_only_dk04_sees_it() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("dk04@example.pl", "DK-04", PASSWORD, &[Role::Moderator]).await;
        app.create_user("anna@example.pl", "Anna", PASSWORD, &[]).await;
        let (dk04, anna) =
            (app.sign_in("dk04@example.pl", PASSWORD).await, app.sign_in("anna@example.pl", PASSWORD).await);
        let id = consultation(&app, "listy", true).await;
        let action = format!("/moderation/consultations/{id}/remarks");
        let today = app::domain::warsaw_time::iso_date(app::state::now());
        let mut fields = vec![("channel", "post"), ("received", today.as_str()), ("body", "Proszę o więcej ławek.")];

        // The sender's name is missing: refused, the scan kept and named.
        let (code, page) = upload_as(&app, &action, &fields, "scan", Some(("skan.pdf", pdf())), &dk04).await;
        assert_eq!(code, 422, "{backend:?}");
        assert!(page.contains("skan.pdf"));
        let (pending,): (String,) =
            sqlx::query_as("select id from media where parent_kind is null").fetch_one(&app.state.db).await.unwrap();
        assert!(page.contains(&format!("name=\"scan_pending\" value=\"{pending}\"")));

        // Sent again with the name: the remark, with the scan the server already had.
        fields.extend([("author", "Jan Kowalski, ul. Długa 1"), ("scan_pending", pending.as_str())]);
        let (code, _) = upload(&app, &action, &fields, None, &dk04).await;
        assert_eq!(code, 303);
        let (remark,): (i64,) = sqlx::query_as("select parent_id from media where parent_kind = 'remark'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        let (body,): (String,) = sqlx::query_as("select body from remarks where id = $1")
            .bind(remark)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(body, "Proszę o więcej ławek.");

        // On DK-04's answering page, never on the public one; fetched by DK-04 only.
        let (_, public) = app.get_text("/consultations/listy").await;
        assert!(media_links(&public).is_empty(), "no scan on the public page");
        let (_, answers) = app.get_with(&format!("/moderation/consultations/{id}/answers"), &dk04).await;
        let links = media_links(&answers);
        assert_eq!(links.len(), 1, "the scan's link");
        assert_eq!(fetch(&app, &links[0], Some(&dk04)).await.status(), 200);
        assert_eq!(fetch(&app, &links[0], Some(&anna)).await.status(), 404);
        assert_eq!(fetch(&app, &links[0], None).await.status(), 303);

        // A scan that is no PDF nor picture is refused next to its field.
        fields.retain(|(name, _)| *name != "scan_pending");
        let (code, page) =
            upload_as(&app, &action, &fields, "scan", Some(("skan.pdf", b"<html>".to_vec())), &dk04).await;
        assert_eq!(code, 422);
        assert!(page.contains("id=\"paper-scan-error\""));
        assert!(page.contains("Jan Kowalski, ul. Długa 1"), "the form is kept");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_news_post_gets_a_cover_public_once_the_post_is_and_gone_with_it() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let now = app::state::now();
        app.create_user("redakcja@example.pl", "Redakcja", PASSWORD, &[Role::Editor]).await;
        app.create_user("moderator@example.pl", "Moderator", PASSWORD, &[Role::Moderator]).await;
        let editor = app.sign_in("redakcja@example.pl", PASSWORD).await;
        let moderator = app.sign_in("moderator@example.pl", PASSWORD).await;
        let (id,): (i64,) = sqlx::query_as(
            "insert into news_posts (slug, title, lead, body_md, created_at, updated_at) \
             values ('plac-wolnica', 'Plac Wolnica', 'Nowe ławki.', 'Treść.', $1, $1) returning id",
        )
        .bind(now)
        .fetch_one(&app.state.db)
        .await
        .unwrap();
        let path = format!("/editorial/news/{id}/media");

        // Moderators do not write news; a picture needs its text alternative.
        let (status, _) =
            upload(&app, &path, &[("alt_pl", "Plac")], Some(("plac.jpg", photo(800, 600))), &moderator).await;
        assert_eq!(status, 403, "{backend:?}");
        // A different picture: the refused one stays pending (its uploader may fetch it).
        let (status, page) = upload(&app, &path, &[("alt_pl", "")], Some(("inny.jpg", photo(640, 480))), &editor).await;
        assert_eq!(status, 422);
        assert!(page.contains(app::i18n::Locale::Pl.problem("alt_required")));
        let (status, location) =
            upload(&app, &path, &[("alt_pl", "Ławki na placu Wolnica")], Some(("plac.jpg", photo(800, 600))), &editor)
                .await;
        assert_eq!(status, 303, "{backend:?}: {location}");

        // While the post is a draft its cover is its uploader's (and staff's) only.
        let (_, form) = app.get_with(&format!("/editorial/news/{id}"), &editor).await;
        let links = media_links(&form);
        assert!(!links.is_empty(), "the editor sees the picture");
        assert_eq!(fetch(&app, &links[0], None).await.status(), 303, "a draft's: sign in");
        assert_eq!(fetch(&app, &links[0], Some(&editor)).await.status(), 200);

        sqlx::query("update news_posts set publish_at = $1 where id = $2")
            .bind(now - 60)
            .bind(id)
            .execute(&app.state.db)
            .await
            .unwrap();
        let (status, post) = app.get_text("/news/plac-wolnica").await;
        assert_eq!(status, 200);
        assert!(post.contains("alt=\"Ławki na placu Wolnica\""), "the cover with its text alternative");
        let og = post.split("property=\"og:image\" content=\"").nth(1).unwrap_or_default();
        assert!(og.contains("/media/"), "shared with its cover: {}", &og[..og.len().min(80)]);
        for link in media_links(&post) {
            assert_eq!(fetch(&app, &link, None).await.status(), 200, "published: public");
        }

        // Deleting the post deletes its pictures.
        let deleted = app.post_form(&format!("/editorial/news/{id}/delete"), &[], Some(&editor)).await;
        assert_eq!(deleted.status(), 303);
        assert_eq!(app.count("select count(*) from media where parent_kind = 'news'").await, 0);
        assert_eq!(fetch(&app, &links[0], Some(&editor)).await.status(), 404);
        app.cleanup().await;
    }
}
