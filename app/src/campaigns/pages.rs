//! `/campaigns/{slug}` (a campaign's public page: what it is, its schedule, what it
//! covers) and DK-06's `/editorial/campaigns` (every campaign with its reach) and its
//! form. Server HTML and POST forms, no island.

use super::api::{campaign_editor, campaign_page, editorial_campaigns};
use super::{CampaignDetail, CampaignInput, EditorModel, ItemKind, Stage, MAX_LABEL_CHARS};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary, Field, FormFeedback};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::consultation_card::CONTENT_LANG;
use crate::components::layout::use_locale;
use crate::consultations::editor::MAX_SLUG_CHARS;
use crate::i18n::Locale;
use crate::moderation::pages::TextArea;
use crate::news::pages::EditorialNav;
use crate::news::{MAX_LEAD_CHARS, MAX_TITLE_CHARS};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub const FORM: &str = "campaign";

fn stage_label(locale: Locale, stage: Stage) -> &'static str {
    let s = locale.campaigns().stages;
    match stage {
        Stage::Upcoming => s[0],
        Stage::Running => s[1],
        Stage::Ended => s[2],
    }
}

fn kind_label(locale: Locale, kind: ItemKind) -> &'static str {
    locale.campaigns().kinds[kind as usize]
}

/// A Warsaw day `YYYY-MM-DD` as the reader's language writes it.
fn day(locale: Locale, text: &str) -> String {
    crate::domain::warsaw_time::day_start(text).map_or_else(|| text.to_owned(), |at| locale.date(at))
}

#[component]
pub fn CampaignPublicPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = async move { campaign_page(slug).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(campaign) => view! { <Campaign campaign=campaign locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Campaign(campaign: CampaignDetail, locale: Locale) -> impl IntoView {
    let t = locale.campaigns();
    let today = campaign.today.clone();
    let groups: Vec<AnyView> = ItemKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let items: Vec<_> = campaign.items.iter().filter(|i| i.kind == kind).cloned().collect();
            (!items.is_empty()).then(|| {
                view! {
                    <h3>{kind_label(locale, kind)}</h3>
                    <ul class="link-list">
                        {items
                            .into_iter()
                            .map(|i| view! { <li><a href=i.href lang=CONTENT_LANG>{i.title}</a></li> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })
        })
        .collect();
    view! {
        <crate::components::PageTitle text=campaign.title.clone() description=campaign.summary.clone()/>
        <article class="campaign" aria-labelledby="campaign-title">
            <p class="eyebrow">{t.eyebrow} " · " {stage_label(locale, campaign.stage)}</p>
            <h1 id="campaign-title" lang=CONTENT_LANG>{campaign.title.clone()}</h1>
            <p class="lead" lang=CONTENT_LANG>{campaign.summary.clone()}</p>
            <p class="meta">
                {t.period} ": "
                <time datetime=campaign.starts_on.clone()>{day(locale, &campaign.starts_on)}</time>
                " – "
                <time datetime=campaign.ends_on.clone()>{day(locale, &campaign.ends_on)}</time>
            </p>
            {(!campaign.milestones.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="campaign-schedule">
                            <h2 id="campaign-schedule">{t.schedule}</h2>
                            <ol class="timeline">
                                {campaign
                                    .milestones
                                    .iter()
                                    .map(|m| {
                                        let past = m.on < today;
                                        view! {
                                            <li class:past=past>
                                                <time datetime=m.on.clone()>{day(locale, &m.on)}</time>
                                                " · "
                                                <span lang=CONTENT_LANG>{m.label.clone()}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })}
            {(!groups.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="campaign-items">
                            <h2 id="campaign-items">{t.within}</h2>
                            {groups}
                        </section>
                    }
                })}
        </article>
    }
}

/// `/editorial/campaigns`: every campaign, running and upcoming first, with its reach.
#[component]
pub fn EditorialCampaignsPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.campaigns();
    let data = async move { editorial_campaigns().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(lines) => {
                        view! {
                            <PageHeading title=t.editorial_title/>
                            <EditorialNav locale=locale/>
                            <DoneNotice/>
                            <p class="lead">{t.lead}</p>
                            <p>
                                <a class="button" href="/editorial/campaigns/new">{t.new_campaign}</a>
                            </p>
                            {if lines.is_empty() {
                                view! { <p>{t.none}</p> }.into_any()
                            } else {
                                view! {
                                    <table class="data-table">
                                        <caption class="visually-hidden">{t.editorial_title}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.campaign_title}</th>
                                                <th scope="col">{t.period}</th>
                                                <th scope="col">{t.stage}</th>
                                                <th scope="col" class="number">{t.views}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {lines
                                                .into_iter()
                                                .map(|line| {
                                                    view! {
                                                        <tr>
                                                            <td lang=CONTENT_LANG>
                                                                <a href=format!("/editorial/campaigns/{}", line.id)>{line.title}</a>
                                                            </td>
                                                            <td>{format!("{} – {}", day(locale, &line.starts_on), day(locale, &line.ends_on))}</td>
                                                            <td>{stage_label(locale, line.stage)}</td>
                                                            <td class="number">{line.views}</td>
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

/// `/editorial/campaigns/new` and `/editorial/campaigns/{id}`.
#[component]
pub fn CampaignEditorPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = async move { campaign_editor(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(model) => view! { <CampaignEditor model=model locale=locale/> }.into_any(),
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

fn typed_input(feedback: &Option<FormFeedback>, stored: CampaignInput) -> CampaignInput {
    let Some(f) = feedback else { return stored };
    let all = |name: &str| f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    let get = |name: &str| all(name).pop().unwrap_or_default();
    CampaignInput {
        title: get("title"),
        slug: get("slug"),
        summary: get("summary"),
        starts_on: get("starts_on"),
        ends_on: get("ends_on"),
        milestones: get("milestones"),
        consultations: all("consultations"),
        news: all("news"),
        events: all("events"),
    }
}

#[component]
fn CampaignEditor(model: EditorModel, locale: Locale) -> impl IntoView {
    let t = locale.campaigns();
    let feedback = feedback_for(FORM);
    let input = typed_input(&feedback, model.input.clone());
    let (title, action) = match model.id {
        Some(id) => (t.edit_campaign, format!("/editorial/campaigns/{id}")),
        None => (t.new_campaign, "/editorial/campaigns".to_owned()),
    };
    let problem = |field: &str| {
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == field)).map(|e| locale.problem(&e.message))
    };
    let groups = ItemKind::ALL
        .into_iter()
        .map(|kind| {
            let field = kind.field();
            let chosen = match kind {
                ItemKind::Consultation => input.consultations.clone(),
                ItemKind::News => input.news.clone(),
                ItemKind::Event => input.events.clone(),
            };
            let options: Vec<_> = model.choices.iter().filter(|(k, _, _)| *k == kind).cloned().collect();
            let error = problem(field);
            view! {
                <fieldset class="field" class:field-error=error.is_some() id=format!("{FORM}-{field}")>
                    <legend>{kind_label(locale, kind)}</legend>
                    {error.map(|e| view! { <p class="error-message">{e}</p> })}
                    {if options.is_empty() {
                        view! { <p class="hint">{t.none_available}</p> }.into_any()
                    } else {
                        options
                            .into_iter()
                            .map(|(_, value, label)| {
                                let id = format!("{FORM}-{field}-{value}");
                                let checked = chosen.contains(&value);
                                view! {
                                    <div class="field checkbox">
                                        <input type="checkbox" id=id.clone() name=field value=value checked=checked/>
                                        <label for=id lang=CONTENT_LANG>{label}</label>
                                    </div>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <PageHeading title=title/>
        <EditorialNav locale=locale/>
        <DoneNotice/>
        {model
            .id
            .filter(|_| !model.input.slug.is_empty())
            .map(|_| view! { <p><a href=format!("/campaigns/{}", model.input.slug)>{t.public_page}</a></p> })}
        {model.reach.clone().map(|reach| view! { <Reach reach=reach locale=locale/> })}
        <ErrorSummary form=FORM/>
        <form method="post" action=action.clone() class="stack editor" novalidate>
            <Field form=FORM name="title" label=t.campaign_title value=input.title.clone() maxlength=MAX_TITLE_CHARS/>
            <Field
                form=FORM
                name="slug"
                label=t.slug
                hint=t.slug_hint
                value=input.slug.clone()
                maxlength=MAX_SLUG_CHARS
                required=false
                autocomplete="off"
            />
            <TextArea form=FORM name="summary" label=t.summary hint=t.summary_hint value=input.summary.clone() rows=3 maxlength=MAX_LEAD_CHARS locale=locale/>
            <fieldset class="field">
                <legend>{t.span}</legend>
                <Field form=FORM name="starts_on" label=t.starts_on hint=t.date_hint kind="date" value=input.starts_on.clone()/>
                <Field form=FORM name="ends_on" label=t.ends_on hint=t.date_hint kind="date" value=input.ends_on.clone()/>
            </fieldset>
            <TextArea
                form=FORM
                name="milestones"
                label=t.milestones
                hint=t.milestones_hint
                value=input.milestones.clone()
                rows=5
                maxlength=super::MAX_MILESTONES * (MAX_LABEL_CHARS + 12)
                required=false
                locale=locale
            />
            <fieldset class="field">
                <legend>{t.items}</legend>
                <p class="hint">{t.items_hint}</p>
                {groups}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">{t.save}</button>
            </div>
        </form>
        {model
            .id
            .map(|_| {
                view! {
                    <form method="post" action=format!("{action}/delete") class="stack">
                        <button type="submit" class="button button-danger">{t.delete}</button>
                    </form>
                }
            })}
    }
}

/// The campaign's reach: views of each page within the campaign's days, and by day.
#[component]
fn Reach(reach: CampaignDetail, locale: Locale) -> impl IntoView {
    let t = locale.campaigns();
    let total = reach.page_views + reach.items.iter().map(|i| i.views).sum::<i64>();
    view! {
        <section aria-labelledby="reach-heading" class="reach">
            <h2 id="reach-heading">{format!("{}: {total} · {}", t.reach, stage_label(locale, reach.stage))}</h2>
            <p class="hint">{t.reach_hint}</p>
            <table class="data-table">
                <caption>{t.reach}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.item}</th>
                        <th scope="col">{t.kind}</th>
                        <th scope="col" class="number">{t.views}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">
                            <a href=format!("/campaigns/{}", reach.slug)>{t.campaign_page}</a>
                        </th>
                        <td>{t.eyebrow}</td>
                        <td class="number">{reach.page_views}</td>
                    </tr>
                    {reach
                        .items
                        .iter()
                        .map(|i| {
                            view! {
                                <tr>
                                    <th scope="row" lang=CONTENT_LANG>
                                        <a href=i.href.clone()>{i.title.clone()}</a>
                                    </th>
                                    <td>{kind_label(locale, i.kind)}</td>
                                    <td class="number">{i.views}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.total}</th>
                        <td></td>
                        <td class="number">{total}</td>
                    </tr>
                </tfoot>
            </table>
            {if reach.by_day.is_empty() {
                view! { <p>{t.no_views}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <caption>{t.by_day}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.day}</th>
                                <th scope="col" class="number">{t.views}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {reach
                                .by_day
                                .iter()
                                .map(|(d, n)| view! { <tr><th scope="row"><time datetime=d.clone()>{day(locale, d)}</time></th><td class="number">{*n}</td></tr> })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
