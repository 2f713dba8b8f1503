//! `/news` (published posts, newest first), `/news/{slug}` (one post), the site-wide
//! banner, and DK-06's `/editorial/news` (every post) and its form. Server HTML and
//! POST forms; the live preview under the body is the only island.

use super::api::{editorial_news, news_editor, news_list, news_post, site_banner};
use super::{EditorModel, NewsDetail, NewsInput, NewsPage, MAX_BANNER_CHARS, MAX_LEAD_CHARS, MAX_TITLE_CHARS};
use crate::accounts::forms::{feedback_for, DistrictSelect, DoneNotice, ErrorSummary, Field, FormFeedback};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::CONTENT_LANG;
use crate::components::layout::use_locale;
use crate::consultations::editor::MAX_SLUG_CHARS;
use crate::domain::district::District;
use crate::i18n::Locale;
use crate::moderation::pages::{hint_of, rendered_of, LivePreview, TextArea};
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewsListPage() -> impl IntoView {
    let locale = use_locale();
    let page = use_query_map().get_untracked().get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(1);
    let data = async move { news_list(page).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <NewsList page=page locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewsList(page: NewsPage, locale: Locale) -> impl IntoView {
    let n = locale.news();
    let heading =
        if page.page > 1 { format!("{} ({}/{})", n.title, page.page, page.pages) } else { n.title.to_owned() };
    view! {
        <crate::components::PageTitle text=heading description=n.lead/>
        <Link rel="alternate" type_="application/atom+xml" href="/news.atom" title=n.feed/>
        <h1>{n.title}</h1>
        <p class="lead">{n.lead}</p>
        {if page.items.is_empty() {
            view! { <p>{n.none}</p> }.into_any()
        } else {
            view! {
                <ul class="news-list">
                    {page
                        .items
                        .into_iter()
                        .map(|post| {
                            view! {
                                <li>
                                    <article>
                                        <h2 lang=CONTENT_LANG>
                                            <a href=format!("/news/{}", post.slug)>{post.title}</a>
                                        </h2>
                                        <p class="meta">
                                            <time datetime=crate::domain::warsaw_time::iso_date(post.published_at)>
                                                {locale.date(post.published_at)}
                                            </time>
                                        </p>
                                        <p lang=CONTENT_LANG>{post.lead}</p>
                                    </article>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {(page.pages > 1)
            .then(|| {
                view! {
                    <nav class="pager" aria-label=n.pages>
                        {(page.page > 1)
                            .then(|| view! { <a href=format!("/news?page={}", page.page - 1) rel="prev">{n.newer}</a> })}
                        {(page.page < page.pages)
                            .then(|| view! { <a href=format!("/news?page={}", page.page + 1) rel="next">{n.older}</a> })}
                    </nav>
                }
            })}
        <p class="exports">
            <a href="/news.atom">{n.feed}</a>
        </p>
    }
}

#[component]
pub fn NewsPostPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = async move { news_post(slug).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(post) => view! { <Post post=post locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Post(post: NewsDetail, locale: Locale) -> impl IntoView {
    let n = locale.news();
    let s = &post.summary;
    let concerns: Vec<AnyView> = [
        post.consultation.clone().map(|(slug, title)| {
            view! { <li><a href=format!("/consultations/{slug}") lang=CONTENT_LANG>{title}</a></li> }.into_any()
        }),
        post.budget_year.map(|year| {
            view! { <li><a href=format!("/budget/{year}")>{format!("{} {year}", locale.budget().home_title)}</a></li> }
                .into_any()
        }),
        post.district.map(|d| {
            view! { <li><a href=format!("/consultations?district={}", d.number())>{d.label()}</a></li> }.into_any()
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let edited = (post.updated_at > s.published_at + 60).then_some(post.updated_at);
    let cover = post.media.iter().find(|m| m.is_image()).cloned();
    let share = cover.as_ref().and_then(|c| crate::components::ShareImage::of(c, locale));
    view! {
        <crate::components::PageTitle text=s.title.clone() description=s.lead.clone() image=share/>
        <Link rel="alternate" type_="application/atom+xml" href="/news.atom" title=n.feed/>
        <article class="news-post" aria-labelledby="post-title">
            <p class="eyebrow">
                <a href="/news">{n.title}</a>
            </p>
            <h1 id="post-title" lang=CONTENT_LANG>{s.title.clone()}</h1>
            <p class="meta">
                {n.published} " "
                <time datetime=crate::domain::warsaw_time::iso_date(s.published_at)>{locale.date(s.published_at)}</time>
                {edited.map(|at| view! { " · " {n.updated} " " {locale.date_time(at)} })}
            </p>
            <p class="lead" lang=CONTENT_LANG>{s.lead.clone()}</p>
            {cover.map(|item| view! { <crate::media::Picture item=item eager=true/> })}
            <div class="prose" lang=CONTENT_LANG inner_html=post.body_html.clone()></div>
            <crate::media::DocumentList items=post.media.clone()/>
            {(!concerns.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="concerns-heading" class="concerns">
                            <h2 id="concerns-heading">{n.concerns}</h2>
                            <ul>{concerns}</ul>
                        </section>
                    }
                })}
        </article>
    }
}

/// The banner of a post marked as one, above every page until its end.
#[component]
pub fn SiteBanner() -> impl IntoView {
    let locale = use_locale();
    let data = async move { site_banner().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                data.await.ok().flatten().map(|banner| {
                    view! {
                        <aside class="site-banner" aria-label=locale.news().banner_label>
                            <p class="wrap">
                                <span lang=CONTENT_LANG>{banner.text}</span>
                                " "
                                <a href=format!("/news/{}", banner.slug)>{locale.news().read_more}</a>
                            </p>
                        </aside>
                    }
                })
            })}
        </Suspense>
    }
}

/// The editors' pages: news and events.
#[component]
pub fn EditorialNav(locale: Locale) -> impl IntoView {
    let n = locale.news();
    view! {
        <nav class="editorial-nav" aria-label=n.editorial_nav>
            <ul class="link-list inline">
                <li><a href="/editorial/news">{n.editorial_title}</a></li>
                <li><a href="/editorial/events">{locale.events().editorial_title}</a></li>
                <li><a href="/news">{n.title}</a></li>
                <li><a href="/editorial/campaigns">{locale.campaigns().editorial_title}</a></li>
                <li><a href="/editorial/digest">{locale.newsletter().preview_title}</a></li>
                <li><a href="/moderation/stats">{locale.stats().title}</a></li>
            </ul>
        </nav>
    }
}

/// `/editorial/news`: every post (drafts and scheduled first) and the way to a new one.
#[component]
pub fn EditorialNewsPage() -> impl IntoView {
    let locale = use_locale();
    let n = locale.news();
    let data = async move { editorial_news().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(lines) => {
                        view! {
                            <PageHeading title=n.editorial_title/>
                            <EditorialNav locale=locale/>
                            <DoneNotice/>
                            <p>
                                <a class="button" href="/editorial/news/new">{n.new_post}</a>
                            </p>
                            {if lines.is_empty() {
                                view! { <p>{n.none}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="data-table">
                                        <caption class="visually-hidden">{n.editorial_title}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{n.post_title}</th>
                                                <th scope="col">{n.state}</th>
                                                <th scope="col">{n.banner}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {lines
                                                .into_iter()
                                                .map(|line| {
                                                    let state = match line.publish_at {
                                                        None => n.draft.to_owned(),
                                                        Some(t) if !line.live => format!("{} {}", n.scheduled, locale.date_time(t)),
                                                        Some(t) => format!("{} {}", n.published, locale.date_time(t)),
                                                    };
                                                    let banner = line
                                                        .banner_until
                                                        .map(|t| format!("{} {}", n.banner_until_short, locale.date_time(t)))
                                                        .unwrap_or_default();
                                                    view! {
                                                        <tr>
                                                            <td lang=CONTENT_LANG>
                                                                <a href=format!("/editorial/news/{}", line.id)>{line.title}</a>
                                                            </td>
                                                            <td>{state}</td>
                                                            <td>{banner}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

/// `/editorial/news/new` and `/editorial/news/{id}`.
#[component]
pub fn NewsEditorPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = async move { news_editor(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(model) => view! { <NewsEditor model=model locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

pub const FORM: &str = "news";

/// The fields of the form, as their names.
pub const FIELDS: [&str; 11] = [
    "title",
    "slug",
    "lead",
    "body",
    "publish_at",
    "banner_text",
    "banner_until",
    "consultation",
    "budget_year",
    "district",
    "preview",
];

fn typed_input(feedback: &Option<FormFeedback>, stored: NewsInput) -> NewsInput {
    let Some(f) = feedback else { return stored };
    let get = |name: &str| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    NewsInput {
        title: get("title"),
        slug: get("slug"),
        lead: get("lead"),
        body: get("body"),
        publish_at: get("publish_at"),
        banner_text: get("banner_text"),
        banner_until: get("banner_until"),
        consultation: get("consultation"),
        budget_year: get("budget_year"),
        district: get("district"),
    }
}

#[component]
fn NewsEditor(model: EditorModel, locale: Locale) -> impl IntoView {
    let n = locale.news();
    let feedback = feedback_for(FORM);
    let input = typed_input(&feedback, model.input.clone());
    let preview = feedback
        .as_ref()
        .and_then(|f| f.values.iter().find(|(k, _)| k == "preview").map(|(_, v)| v.clone()))
        .unwrap_or_else(|| rendered_of(&input.body));
    let (title, action) = match model.id {
        Some(id) => (n.edit_post, format!("/editorial/news/{id}")),
        None => (n.new_post, "/editorial/news".to_owned()),
    };
    let problem = |field: &str| {
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == field)).map(|e| locale.problem(&e.message))
    };
    let select = |name: &'static str, label: &'static str, options: Vec<(String, String)>, chosen: String| {
        let id = format!("{FORM}-{name}");
        let error = problem(name);
        view! {
            <div class="field" class:field-error=error.is_some()>
                <label for=id.clone()>{label}</label>
                {error.map(|e| view! { <p class="error-message" id=format!("{id}-error")>{e}</p> })}
                <select
                    id=id.clone()
                    name=name
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| format!("{id}-error"))
                >
                    <option value="" selected=chosen.is_empty()>{n.none_chosen}</option>
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{text}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let consultations = model.consultations.clone();
    let years = model.budget_years.iter().map(|y| (y.to_string(), y.to_string())).collect();
    let district = input.district.parse::<u8>().ok().and_then(District::new).map(|d| d.number());
    view! {
        <PageHeading title=title/>
        <EditorialNav locale=locale/>
        <DoneNotice/>
        {model
            .id
            .filter(|_| !input.slug.is_empty() && !input.publish_at.is_empty())
            .map(|_| view! { <p><a href=format!("/news/{}", model.input.slug)>{n.public_page}</a></p> })}
        <ErrorSummary form=FORM/>
        <form method="post" action=action.clone() class="stack editor" novalidate>
            <Field form=FORM name="title" label=n.post_title value=input.title.clone() maxlength=MAX_TITLE_CHARS/>
            <Field
                form=FORM
                name="slug"
                label=n.slug
                hint=n.slug_hint
                value=input.slug.clone()
                maxlength=MAX_SLUG_CHARS
                required=false
                autocomplete="off"
            />
            <TextArea form=FORM name="lead" label=n.lead_label hint=n.lead_hint value=input.lead.clone() rows=3 maxlength=MAX_LEAD_CHARS locale=locale/>
            <crate::IslandScripts/>
            <LivePreview
                id="news-preview".to_owned()
                initial=preview
                hint=hint_of(&input.body, locale)
                heading=n.preview.to_owned()
            >
                <TextArea form=FORM name="body" label=n.body hint=n.body_hint value=input.body.clone() rows=16 locale=locale/>
            </LivePreview>
            <fieldset class="field">
                <legend>{n.publication}</legend>
                <Field
                    form=FORM
                    name="publish_at"
                    label=n.publish_at
                    hint=n.publish_at_hint
                    kind="datetime-local"
                    value=input.publish_at.clone()
                    required=false
                />
            </fieldset>
            <fieldset class="field">
                <legend>{n.banner}</legend>
                <p class="hint">{n.banner_hint}</p>
                <Field
                    form=FORM
                    name="banner_text"
                    label=n.banner_text
                    value=input.banner_text.clone()
                    maxlength=MAX_BANNER_CHARS
                    required=false
                />
                <Field
                    form=FORM
                    name="banner_until"
                    label=n.banner_until
                    kind="datetime-local"
                    value=input.banner_until.clone()
                    required=false
                />
            </fieldset>
            <fieldset class="field">
                <legend>{n.concerns}</legend>
                {select("consultation", n.consultation, consultations, input.consultation.clone())}
                {select("budget_year", n.budget_year, years, input.budget_year)}
                <DistrictSelect form=FORM label=n.district none_label=n.none_chosen selected=district/>
            </fieldset>
            <div class="actions">
                <button type="submit" name="intent" value="save" class="button">{n.save}</button>
                <button type="submit" name="intent" value="preview" class="button secondary">{n.show_preview}</button>
            </div>
        </form>
        {model
            .id
            .map(|id| {
                view! {
                    <crate::media::MediaEditor parent=crate::media::Parent::News(id) items=model.media.clone()/>
                    <form method="post" action=format!("{action}/delete") class="stack">
                        <button type="submit" class="button button-danger">{n.delete}</button>
                    </form>
                }
            })}
    }
}
