//! DK-06's posts that write news: create, edit (or only preview), delete. Each asks the
//! rule book for `Edit` and writes what it did to the audit log. A refused form comes
//! back with every value as typed and each problem next to its field.

use crate::accounts::{internal, render, require, see_other, FormData, SharedServices};
use crate::consultations::{audit, with_done};
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::news::pages::{FIELDS, FORM};
use app::news::{parse, storage, NewsDraft, NewsInput};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
    Extension,
};
use serde_json::json;

const LIST: &str = "/editorial/news";

fn input_of(form: &FormData) -> NewsInput {
    NewsInput {
        title: form.get("title"),
        slug: form.get("slug"),
        lead: form.get("lead"),
        body: form.get("body"),
        publish_at: form.get("publish_at"),
        banner_text: form.get("banner_text"),
        banner_until: form.get("banner_until"),
        consultation: form.get("consultation"),
        budget_year: form.get("budget_year"),
        district: form.get("district"),
    }
}

fn feedback_of(form: &FormData) -> FormFeedback {
    FIELDS
        .into_iter()
        .filter(|f| *f != "preview")
        .fold(FormFeedback::new(FORM), |f, name| f.value(name, &form.get(name)))
}

/// What the audit log keeps of a post.
fn audited(draft: &NewsDraft) -> serde_json::Value {
    json!({
        "slug": draft.slug,
        "title": draft.title,
        "publish_at": draft.publish_at,
        "banner": draft.banner,
        "consultation": draft.consultation,
        "budget_year": draft.budget_year,
        "district": draft.district.map(|d| d.number()),
    })
}

/// `POST /editorial/news`: a new post.
pub async fn create(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    save(state, parts, None, form).await
}

/// `POST /editorial/news/{id}`: the post's new content.
pub async fn update(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    save(state, parts, Some(id), form).await
}

async fn save(state: AppState, parts: Parts, id: Option<i64>, form: FormData) -> Response {
    let page = id.map_or_else(|| format!("{LIST}/new"), |id| format!("{LIST}/{id}"));
    let me = match require(&state, &parts, Action::Edit, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let input = input_of(&form);
    let mut feedback = feedback_of(&form);
    if form.get("intent") == "preview" {
        // The same renderer and sanitiser as the public page; nothing is saved.
        let preview = app::markdown::render(&input.body);
        return render(&state, &parts, &page, feedback.value("preview", &preview), StatusCode::OK).await;
    }
    let draft = match parse(&input) {
        Ok(draft) => draft,
        Err(problems) => {
            for (field, code) in problems {
                feedback = feedback.error(field, code);
            }
            return render(&state, &parts, &page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let at = now();
    match id {
        None => match storage::create(&state.db, &draft, me.id, at).await {
            Ok(Ok(id)) => {
                if let Err(response) =
                    audit(&state, me.id, "news.create", "news_post", id, None, Some(audited(&draft))).await
                {
                    return response;
                }
                see_other(&with_done(&format!("{LIST}/{id}"), "news_created", "content"))
            }
            Ok(Err((field, code))) => {
                render(&state, &parts, &page, feedback.error(field, code), StatusCode::UNPROCESSABLE_ENTITY).await
            }
            Err(_) => internal(&state, &parts, &page, feedback).await,
        },
        Some(id) => {
            let before = match storage::load(&state.db, id).await {
                Ok(Some(before)) => before,
                Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
                Err(_) => return internal(&state, &parts, &page, feedback).await,
            };
            match storage::update(&state.db, id, &draft, at).await {
                Ok(Ok(true)) => {
                    let old = json!({
                        "slug": before.slug,
                        "title": before.title,
                        "publish_at": before.publish_at,
                        "banner": [before.banner_text, before.banner_until],
                    });
                    if let Err(response) =
                        audit(&state, me.id, "news.update", "news_post", id, Some(old), Some(audited(&draft))).await
                    {
                        return response;
                    }
                    see_other(&with_done(&page, "news_saved", "content"))
                }
                Ok(Ok(false)) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
                Ok(Err((field, code))) => {
                    render(&state, &parts, &page, feedback.error(field, code), StatusCode::UNPROCESSABLE_ENTITY).await
                }
                Err(_) => internal(&state, &parts, &page, feedback).await,
            }
        }
    }
}

/// `POST /editorial/news/{id}/delete`.
/// The post's pictures and documents go with it, files included.
pub async fn delete(
    State(state): State<AppState>,
    Extension(services): Extension<SharedServices>,
    Path(id): Path<i64>,
    parts: Parts,
) -> Response {
    let page = format!("{LIST}/{id}");
    let me = match require(&state, &parts, Action::Edit, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let before = match storage::load(&state.db, id).await {
        Ok(Some(before)) => before,
        Ok(None) => return render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, FormFeedback::new(FORM)).await,
    };
    match storage::delete(&state.db, id).await {
        Ok(true) => {
            let parent = app::media::Parent::News(id);
            for item in app::media::storage::list(&state.db, parent).await.unwrap_or_default() {
                if let Ok(Some(orphans)) = app::media::storage::remove(&state.db, parent, &item.id).await {
                    services.media.delete_all(&orphans).await;
                }
            }
            let old = json!({ "slug": before.slug, "title": before.title, "publish_at": before.publish_at });
            if let Err(response) = audit(&state, me.id, "news.delete", "news_post", id, Some(old), None).await {
                return response;
            }
            see_other(&with_done(LIST, "news_deleted", "content"))
        }
        Ok(false) => render(&state, &parts, &page, FormFeedback::default(), StatusCode::NOT_FOUND).await,
        Err(_) => internal(&state, &parts, &page, FormFeedback::new(FORM)).await,
    }
}
