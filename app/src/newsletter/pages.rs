//! `/newsletter` (the subscription form), the pages the mailed links open
//! (`/newsletter/confirm/{token}`, `/newsletter/unsubscribe/{token}`), and DK-06's
//! preview of this week's digest (`/editorial/digest`). Server HTML and POST forms.

use super::api::{confirm_link_state, preview_digest, unsubscribe_link_live};
use super::{DigestPreview, LinkState};
use crate::accounts::forms::{feedback_for, DoneNotice, ErrorSummary, Field};
use crate::accounts::pages::{refusal, PageHeading};
use crate::components::layout::use_locale;
use crate::components::status::set_status;
use crate::domain::district::District;
use crate::domain::topic::Topic;
use crate::i18n::Locale;
use crate::news::pages::EditorialNav;
use crate::site::ErrorSection;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub const FORM: &str = "newsletter";

#[component]
pub fn NewsletterPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.newsletter();
    let feedback = feedback_for(FORM);
    let typed = |name: &str| -> Vec<String> {
        feedback
            .as_ref()
            .map(|f| f.values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect())
            .unwrap_or_default()
    };
    let districts = typed("districts");
    let topics = typed("topics");
    let language = typed("language").pop().unwrap_or_else(|| locale.tag().to_owned());
    let problem = |field: &str| {
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == field)).map(|e| locale.problem(&e.message))
    };
    let area_error = problem("districts");
    let topic_error = problem("topics");
    let language_error = problem("language");
    view! {
        <crate::components::PageTitle text=t.title.to_owned() description=t.lead/>
        <h1>{t.title}</h1>
        <DoneNotice/>
        <p class="lead">{t.lead}</p>
        <p>{t.promise}</p>
        <ErrorSummary form=FORM/>
        <form method="post" action="/newsletter" class="stack" novalidate>
            <Field form=FORM name="email" label=t.email hint=t.email_hint kind="email" autocomplete="email"/>
            <fieldset class="field districts" class:field-error=area_error.is_some()>
                <legend>{t.area}</legend>
                <p class="hint">{t.area_hint}</p>
                {area_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <crate::accounts::forms::DistrictChecks form=FORM city_label=t.all_districts chosen=districts/>
            </fieldset>
            <fieldset class="field" class:field-error=topic_error.is_some() id="newsletter-topics">
                <legend>{t.topics}</legend>
                <p class="hint">{t.topics_hint}</p>
                {topic_error.map(|e| view! { <p class="error-message">{e}</p> })}
                <div class="columns">
                    {Topic::ALL
                        .into_iter()
                        .map(|topic| {
                            let id = format!("newsletter-topic-{}", topic.slug());
                            let checked = topics.iter().any(|t| t == topic.slug());
                            view! {
                                <div class="field checkbox">
                                    <input type="checkbox" id=id.clone() name="topics" value=topic.slug() checked=checked/>
                                    <label for=id>{locale.topic(topic)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <fieldset class="field" class:field-error=language_error.is_some() id="newsletter-language">
                <legend>{t.language}</legend>
                {language_error.map(|e| view! { <p class="error-message">{e}</p> })}
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        let id = format!("newsletter-language-{}", l.tag());
                        view! {
                            <div class="field radio">
                                <input type="radio" id=id.clone() name="language" value=l.tag() checked=language == l.tag()/>
                                <label for=id lang=l.tag()>{l.native_name()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="hint">{t.privacy}</p>
            <div class="actions">
                <button type="submit" class="button">{t.subscribe}</button>
            </div>
        </form>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.newsletter();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    let data = {
        let token = token.clone();
        async move { confirm_link_state(token).await }
    };
    view! {
        <crate::components::PageTitle text=t.confirm_title.to_owned()/>
        <h1>{t.confirm_title}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(LinkState::Pending) => {
                        view! {
                            <p>{t.confirm_lead}</p>
                            <form method="post" action=format!("/newsletter/confirm/{token}")>
                                <button type="submit" class="button">{t.confirm_button}</button>
                            </form>
                        }
                            .into_any()
                    }
                    Ok(LinkState::Confirmed) => {
                        view! { <p class="notice" role="status">{t.confirmed_already}</p> }.into_any()
                    }
                    Ok(LinkState::Unknown) => {
                        set_status(404);
                        view! { <p>{t.link_unknown}</p><p><a href="/newsletter">{t.title}</a></p> }.into_any()
                    }
                    Err(_) => {
                        set_status(500);
                        view! { <ErrorSection/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.newsletter();
    let token = use_params_map().get_untracked().get("token").unwrap_or_default();
    let data = {
        let token = token.clone();
        async move { unsubscribe_link_live(token).await }
    };
    view! {
        <crate::components::PageTitle text=t.unsubscribe_title.to_owned()/>
        <h1>{t.unsubscribe_title}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(true) => {
                        view! {
                            <p>{t.unsubscribe_lead}</p>
                            <form method="post" action=format!("/newsletter/unsubscribe/{token}")>
                                <button type="submit" class="button">{t.unsubscribe_button}</button>
                            </form>
                        }
                            .into_any()
                    }
                    Ok(false) => {
                        set_status(404);
                        view! { <p>{t.unsubscribe_gone}</p> }.into_any()
                    }
                    Err(_) => {
                        set_status(500);
                        view! { <ErrorSection/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/editorial/digest?district=&topic=`: this week's digest for one profile.
#[component]
pub fn DigestPreviewPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let district = query.get("district").unwrap_or_default();
    let topic = query.get("topic").unwrap_or_default();
    let data = {
        let (district, topic) = (district.clone(), topic.clone());
        async move { preview_digest(district, topic).await }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(preview) => {
                        view! { <Preview preview=preview locale=locale district=district topic=topic/> }.into_any()
                    }
                    Err(error) => refusal(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Preview(preview: DigestPreview, locale: Locale, district: String, topic: String) -> impl IntoView {
    let t = locale.newsletter();
    let counts = [preview.counts.confirmed, preview.counts.pending, preview.counts.sent, preview.counts.empty];
    view! {
        <PageHeading title=t.preview_title/>
        <EditorialNav locale=locale/>
        <p class="lead">{t.preview_lead}</p>
        <form method="get" action="/editorial/digest" class="stack filters">
            <fieldset class="field">
                <legend>{t.preview_profile}</legend>
                <div class="field">
                    <label for="digest-district">{t.area}</label>
                    <select id="digest-district" name="district">
                        <option value="" selected=district.is_empty()>{t.all_districts}</option>
                        {District::all()
                            .map(|d| {
                                let n = d.number().to_string();
                                let selected = n == district;
                                view! { <option value=n selected=selected>{d.label()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="digest-topic">{t.topics}</label>
                    <select id="digest-topic" name="topic">
                        <option value="" selected=topic.is_empty()>{t.topics_hint}</option>
                        {Topic::ALL
                            .into_iter()
                            .map(|x| view! { <option value=x.slug() selected=topic == x.slug()>{locale.topic(x)}</option> })
                            .collect_view()}
                    </select>
                </div>
            </fieldset>
            <button type="submit" class="button secondary">{t.preview_show}</button>
        </form>
        <dl class="facts">
            <dt>{t.preview_week}</dt>
            <dd>{preview.period.clone()}</dd>
            <dt>{t.preview_sends_at}</dt>
            <dd>{locale.date_time(preview.sends_at)}</dd>
        </dl>
        {if preview.items == 0 {
            view! { <p class="notice" role="status">{t.preview_nothing}</p> }.into_any()
        } else {
            view! {
                <section aria-labelledby="digest-mail" class="mail-preview">
                    <h2 id="digest-mail">{t.preview_subject} ": " {preview.subject.clone()}</h2>
                    <figure>
                        <figcaption>{t.preview_body}</figcaption>
                        <pre tabindex="0">{preview.body}</pre>
                    </figure>
                </section>
            }
                .into_any()
        }}
        <table class="data-table">
            <caption>{t.preview_counts}</caption>
            <tbody>
                {t.counts
                    .into_iter()
                    .zip(counts)
                    .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td>{n}</td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
}
