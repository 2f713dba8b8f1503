//! Demo posts of DK-06: the civic budget's vote (running as the site's banner), an
//! announcement of a consultation, a district's news, one post scheduled for the day
//! after tomorrow and one draft, so every state of a post can be seen.

use super::storage::create;
use super::NewsDraft;
use crate::db::Db;
use crate::domain::district::District;

const DAY: i64 = 86_400;

struct Demo {
    title: &'static str,
    slug: &'static str,
    lead: &'static str,
    body: &'static str,
    /// Days from now; `None` keeps the post a draft.
    published: Option<i64>,
    banner: Option<(&'static str, i64)>,
    budget: bool,
    consultation: bool,
    district: Option<u8>,
}

const DEMOS: [Demo; 5] = [
    Demo {
        title: "Trwa głosowanie w budżecie obywatelskim",
        slug: "trwa-glosowanie-w-budzecie-obywatelskim",
        lead: "Wybierz projekty dla swojej dzielnicy i dla całego miasta. Głosować może każdy mieszkaniec Krakowa.",
        body: "## Jak zagłosować\n\n\
               - **Przez internet**: na stronie [budżetu obywatelskiego](/budget).\n\
               - **Na papierze**: w punktach do głosowania (są w [kalendarzu wydarzeń](/events)).\n\n\
               Głos oddajesz raz. Możesz wybrać projekty ogólnomiejskie i projekty swojej dzielnicy.\n\n\
               ## Kto może głosować\n\n\
               Każdy, kto mieszka w Krakowie. Wiek nie ma znaczenia. Dzieci głosują z pomocą rodzica.",
        published: Some(-1),
        banner: Some(("Głosowanie w budżecie obywatelskim trwa jeszcze kilka dni.", 10)),
        budget: true,
        consultation: false,
        district: None,
    },
    Demo {
        title: "Ruszyły konsultacje: powiedz, co myślisz",
        slug: "ruszyly-konsultacje-powiedz-co-myslisz",
        lead: "Miasto pyta mieszkańców o zdanie. Uwagi można zgłaszać przez internet, pisemnie i na spotkaniach.",
        body: "Przeczytaj projekt i zgłoś uwagę. Każda uwaga dostanie odpowiedź w raporcie końcowym.\n\n\
               Nie masz konta? Uwagę możesz też wysłać pocztą albo przynieść na spotkanie.",
        published: Some(-3),
        banner: None,
        budget: false,
        consultation: true,
        district: None,
    },
    Demo {
        title: "Dyżur rady dzielnicy w Podgórzu Duchackim",
        slug: "dyzur-rady-dzielnicy-podgorze-duchackie",
        lead: "Radni dzielnicy odpowiadają na pytania o inicjatywy lokalne i budżet obywatelski.",
        body: "Przyjdź z pomysłem na inicjatywę lokalną. Pomożemy wypełnić wniosek.\n\n\
               Siedziba rady jest dostępna bez schodów.",
        published: Some(-8),
        banner: None,
        budget: false,
        consultation: false,
        district: Some(11),
    },
    Demo {
        title: "Raport z konsultacji parków kieszonkowych",
        slug: "raport-z-konsultacji-parkow-kieszonkowych",
        lead: "Podsumowanie uwag mieszkańców i odpowiedzi miasta.",
        body: "Raport ukaże się pojutrze.",
        published: Some(2),
        banner: None,
        budget: false,
        consultation: false,
        district: None,
    },
    Demo {
        title: "Szkic: zaproszenie na panel obywatelski",
        slug: "szkic-zaproszenie-na-panel-obywatelski",
        lead: "Wpis w przygotowaniu.",
        body: "Treść w przygotowaniu.",
        published: None,
        banner: None,
        budget: false,
        consultation: false,
        district: None,
    },
];

/// Loads the demo posts once (nothing when any post exists, or without the demo
/// editor); how many were added.
pub async fn load(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("select count(*) from news_posts").fetch_one(db).await?;
    if existing > 0 {
        return Ok(0);
    }
    let editor: Option<(i64,)> =
        sqlx::query_as("select id from users where email = 'redaktor@demo.krakow.pl'").fetch_optional(db).await?;
    let Some((editor,)) = editor else { return Ok(0) };
    let voting: Option<(i64,)> = sqlx::query_as(
        "select year from budget_editions where voting_starts <= $1 and results_start > $1 order by year limit 1",
    )
    .bind(now)
    .fetch_optional(db)
    .await?;
    let open: Option<(String,)> = sqlx::query_as(
        "select slug from consultations where published_at is not null and starts_at <= $1 and ends_at > $1 \
         order by starts_at desc limit 1",
    )
    .bind(now)
    .fetch_optional(db)
    .await?;
    let mut added = 0;
    for demo in &DEMOS {
        let draft = NewsDraft {
            title: demo.title.to_owned(),
            slug: demo.slug.to_owned(),
            lead: demo.lead.to_owned(),
            body_md: demo.body.to_owned(),
            publish_at: demo.published.map(|days| now + days * DAY),
            banner: demo.banner.map(|(text, days)| (text.to_owned(), now + days * DAY)),
            consultation: if demo.consultation { open.as_ref().map(|(slug,)| slug.clone()) } else { None },
            budget_year: if demo.budget { voting.map(|(year,)| year) } else { None },
            district: demo.district.and_then(District::new),
        };
        if create(db, &draft, editor, now).await?.is_ok() {
            added += 1;
        }
    }
    Ok(added)
}
