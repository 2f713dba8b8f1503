//! The news pages' server functions: public lists and posts, the banner, and the
//! editors' list and form (DK-06 and administrators).

use super::{Banner, EditorModel, EditorialLine, NewsDetail, NewsPage};
#[cfg(feature = "ssr")]
use crate::accounts::authz::Action;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/_sf", endpoint = "news/page")]
pub async fn news_list(page: i64) -> Result<NewsPage, AppError> {
    let state = crate::state::app_state()?;
    Ok(super::storage::published_page(&state.db, page, crate::state::now()).await?)
}

#[server(prefix = "/_sf", endpoint = "news/post")]
pub async fn news_post(slug: String) -> Result<NewsDetail, AppError> {
    let state = crate::state::app_state()?;
    super::storage::find_published(&state.db, &slug, crate::state::now()).await?.ok_or(AppError::NotFound)
}

/// The site-wide banner, if one runs now.
#[server(prefix = "/_sf", endpoint = "news/banner")]
pub async fn site_banner() -> Result<Option<Banner>, AppError> {
    let state = crate::state::app_state()?;
    Ok(super::storage::active_banner(&state.db, crate::state::now()).await?)
}

#[server(prefix = "/_sf", endpoint = "editorial/news")]
pub async fn editorial_news() -> Result<Vec<EditorialLine>, AppError> {
    crate::accounts::api::authorize_user(Action::Edit)?;
    let state = crate::state::app_state()?;
    Ok(super::storage::editorial_list(&state.db, crate::state::now()).await?)
}

/// The editor's form: the post `id` as stored, or an empty one (`id` 0).
#[server(prefix = "/_sf", endpoint = "editorial/news/form")]
pub async fn news_editor(id: i64) -> Result<EditorModel, AppError> {
    crate::accounts::api::authorize_user(Action::Edit)?;
    let state = crate::state::app_state()?;
    let input = if id == 0 {
        super::NewsInput::default()
    } else {
        super::storage::load(&state.db, id).await?.ok_or(AppError::NotFound)?
    };
    let (consultations, budget_years) = super::storage::link_choices(&state.db).await?;
    let media = if id == 0 {
        Vec::new()
    } else {
        crate::media::storage::list(&state.db, crate::media::Parent::News(id)).await?
    };
    Ok(EditorModel { id: (id != 0).then_some(id), input, consultations, budget_years, media })
}
