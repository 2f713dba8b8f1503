//! Paper cards and the vote's integrity: `/budget/{year}/cards` (an edition's batches;
//! a poll officer opens one), `/budget/{year}/cards/{id}` (entering a batch's cards, its
//! approval by a second person), and DK-04's `/moderation/budget/{year}/integrity` (the
//! conflict queue settled by the edition's rule, the integrity report's signals with an
//! annulment form under each participation).

use super::model::{Conflict, PaperBatch, ParticipationRow, Signal, Thresholds};
use super::pages::{param, pool_label};
use super::vote_api::{paper_batch, paper_cards, vote_integrity, BatchPage, CardsView, IntegrityView};
use crate::accounts::forms::{feedback_for, DoneNotice, FormFeedback};
use crate::accounts::pages::refusal;
use crate::components::layout::use_locale;
use crate::domain::district::District;
use crate::domain::warsaw_time::iso_date;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn typed(feedback: &Option<FormFeedback>, name: &str) -> String {
    feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())).unwrap_or_default()
}

fn problem(feedback: &Option<FormFeedback>, name: &str, locale: Locale) -> Option<String> {
    let f = feedback.as_ref()?;
    let codes: Vec<String> =
        f.errors.iter().filter(|e| e.field == name).map(|e| locale.vote_problem(&e.message, 3)).collect();
    (!codes.is_empty()).then(|| codes.join(" "))
}

/// A labelled text input with its hint and problem.
fn text_field(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    feedback: &Option<FormFeedback>,
    locale: Locale,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let error = problem(feedback, name, locale);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [hint.map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {error.map(|e| view! { <p class="error-message" id=error_id>{e}</p> })}
            <input
                id=id
                name=name
                type="text"
                value=typed(feedback, name)
                aria-invalid=has_error.then_some("true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
        </div>
    }
}

fn general_error(feedback: &Option<FormFeedback>, locale: Locale) -> Option<impl IntoView> {
    problem(feedback, "", locale).map(|e| view! { <p class="error-message" role="alert">{e}</p> })
}

#[component]
pub fn CardsPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match paper_cards(year).await {
                    Ok(v) => cards_view(v, locale).into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn batch_rows(batches: Vec<PaperBatch>, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    batches
        .into_iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/budget/{}/cards/{}", b.year, b.id)>{format!("#{} · {}", b.id, b.voting_point)}</a>
                    </th>
                    <td>{iso_date(b.cast_day)}</td>
                    <td class="number">{b.cards}</td>
                    <td class="number">{b.invalid}</td>
                    <td class="number">{b.conflicts}</td>
                    <td>{b.entered_by_name}</td>
                    <td>{b.approved_by_name.unwrap_or_else(|| t.not_approved.to_owned())}</td>
                </tr>
            }
        })
        .collect_view()
}

fn cards_view(v: CardsView, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.cards_title, v.year);
    let feedback = feedback_for("vote_batch");
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <DoneNotice/>
        <p class="lead">{t.cards_lead}</p>
        <section aria-labelledby="batch-new-heading">
            <h2 id="batch-new-heading">{t.batch_new}</h2>
            {general_error(&feedback, locale)}
            <form method="post" action=format!("/budget/{}/cards", v.year) class="stack">
                {text_field("vote_batch", "voting_point", t.voting_point, Some(t.voting_point_hint), &feedback, locale)}
                {text_field("vote_batch", "cast_day", t.cast_day, Some(t.cast_day_hint), &feedback, locale)}
                <button type="submit" name="intent" value="batch">{t.open_batch}</button>
            </form>
        </section>
        <section aria-labelledby="batches-heading">
            <h2 id="batches-heading">{t.batches}</h2>
            <table class="register">
                <caption>{t.batches}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.voting_point}</th>
                        <th scope="col">{t.cast_day}</th>
                        <th scope="col" class="number">{t.cards}</th>
                        <th scope="col" class="number">{t.invalid_cards}</th>
                        <th scope="col" class="number">{t.conflicts}</th>
                        <th scope="col">{t.entered_by}</th>
                        <th scope="col">{t.approved_by}</th>
                    </tr>
                </thead>
                <tbody>{batch_rows(v.batches, locale)}</tbody>
            </table>
        </section>
    }
}

#[component]
pub fn BatchPage() -> impl IntoView {
    let locale = use_locale();
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match paper_batch(id).await {
                    Ok(v) => batch_view(v, locale).into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn number_fields(
    prefix: &'static str,
    legend: &'static str,
    n: u8,
    feedback: &Option<FormFeedback>,
    locale: Locale,
) -> impl IntoView {
    let t = locale.vote();
    let hint_id = format!("card-{prefix}-hint");
    let inputs = (1..=n)
        .map(|i| {
            let name = format!("{prefix}{i}");
            let id = format!("card-{name}");
            view! {
                <div class="field inline">
                    <label for=id.clone()>{i.to_string()}</label>
                    <input id=id name=name.clone() type="text" size="14" value=typed(feedback, &name) aria-describedby=hint_id.clone()/>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{legend}</legend>
            <p class="hint" id=hint_id.clone()>{t.number_hint}</p>
            {inputs}
        </fieldset>
    }
}

fn batch_view(v: BatchPage, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let b = v.batch;
    let title = format!("{} #{} · {}", t.cards_title, b.id, b.voting_point);
    let page = format!("/budget/{}/cards/{}", b.year, b.id);
    let feedback = feedback_for("vote_card");
    let open = b.approved_at.is_none();
    let district = typed(&feedback, "district").parse::<u8>().ok();
    let cards = v
        .cards
        .into_iter()
        .map(|c| {
            let reasons =
                c.reason.split_whitespace().map(|code| locale.vote_problem(code, 3)).collect::<Vec<_>>().join(" ");
            view! {
                <tr>
                    <th scope="row">{format!("#{}", c.id)}</th>
                    <td>{pool_label(c.district, locale)}</td>
                    <td>{locale.card_status(&c.status)}</td>
                    <td>{reasons}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <DoneNotice/>
        <p>
            <a href=format!("/budget/{}/cards", b.year)>{t.batches}</a>
        </p>
        <dl class="facts">
            <dt>{t.cast_day}</dt>
            <dd>{iso_date(b.cast_day)}</dd>
            <dt>{t.entered_by}</dt>
            <dd>{b.entered_by_name.clone()}</dd>
            <dt>{t.approved_by}</dt>
            <dd>{b.approved_by_name.clone().unwrap_or_else(|| t.not_approved.to_owned())}</dd>
        </dl>
        {open.then(|| {
            view! {
                <section aria-labelledby="card-heading">
                    <h2 id="card-heading">{t.enter_card}</h2>
                    <p class="hint">{t.enter_card_hint}</p>
                    {general_error(&feedback, locale)}
                    <form method="post" action=page.clone() class="stack">
                        {text_field("card", "pesel", t.pesel, Some(t.pesel_hint), &feedback, locale)}
                        <p>{t.no_pesel}</p>
                        {text_field("card", "birth_date", t.birth_date, Some(t.birth_date_hint), &feedback, locale)}
                        {text_field("card", "document", t.document, None, &feedback, locale)}
                        <div class="field">
                            <label for="card-district">{t.card_district}</label>
                            <select id="card-district" name="district">
                                <option value="" selected=district.is_none()>{t.district_none}</option>
                                {District::all()
                                    .map(|d| {
                                        let n = d.number();
                                        view! { <option value=n.to_string() selected=district == Some(n)>{d.label()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        {(v.district_choices > 0).then(|| number_fields("d", t.district_numbers, v.district_choices, &feedback, locale))}
                        {(v.city_choices > 0).then(|| number_fields("c", t.city_numbers, v.city_choices, &feedback, locale))}
                        <button type="submit" name="intent" value="card">{t.enter_card}</button>
                    </form>
                </section>
            }
        })}
        <section aria-labelledby="cards-heading">
            <h2 id="cards-heading">{t.cards}</h2>
            <table class="register">
                <caption>{t.cards}</caption>
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t.card_district}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.reason}</th>
                    </tr>
                </thead>
                <tbody>{cards}</tbody>
            </table>
        </section>
        {(open && b.entered_by != v.me).then(|| {
            view! {
                <section aria-labelledby="approve-heading">
                    <h2 id="approve-heading">{t.approve}</h2>
                    <p>{t.approve_hint}</p>
                    <form method="post" action=page.clone()>
                        <button type="submit" name="intent" value="approve">{t.approve}</button>
                    </form>
                </section>
            }
        })}
    }
}

#[component]
pub fn IntegrityPage() -> impl IntoView {
    let locale = use_locale();
    let year = param("year");
    let q = use_query_map().get_untracked();
    let defaults = Thresholds::default();
    let number = |name: &str, default: i64| q.get(name).and_then(|v| v.parse::<i64>().ok()).unwrap_or(default);
    let thresholds = Thresholds {
        per_minute: number("per_minute", defaults.per_minute),
        per_address: number("per_address", defaults.per_address),
        age: number("age", defaults.age),
        identical: number("identical", defaults.identical),
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match vote_integrity(year, thresholds).await {
                    Ok(v) => integrity_view(v, locale).into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

fn conflict_rows(year: i64, conflicts: Vec<Conflict>, sealed: bool, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    conflicts
        .into_iter()
        .map(|c| {
            let counted_channel = if c.counted_channel == "online" { t.online } else { t.paper };
            view! {
                <tr>
                    <th scope="row">{format!("#{} · {}", c.card_id, c.voting_point)}</th>
                    <td>{iso_date(c.card_day)}</td>
                    <td>{format!("{counted_channel}, {}", iso_date(c.counted_at))}</td>
                    <td>{if c.card_stands { t.card_stands } else { t.counted_stands }}</td>
                    <td>
                        {(!sealed).then(|| view! {
                            <form method="post" action=format!("/moderation/budget/{year}/integrity")>
                                <input type="hidden" name="card" value=c.card_id.to_string()/>
                                <button type="submit" name="intent" value="resolve" class="secondary">{t.resolve}</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view()
}

fn participation_rows(year: i64, rows: Vec<ParticipationRow>, sealed: bool, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    rows.into_iter()
        .map(|p| {
            let channel = if p.channel == "online" { t.online } else { t.paper };
            let reason_id = format!("annul-{}-reason", p.id);
            view! {
                <tr>
                    <th scope="row">{format!("#{}", p.id)}</th>
                    <td>{channel}</td>
                    <td>{pool_label(p.district, locale)}</td>
                    <td>{p.birth_year.map(|y| y.to_string()).unwrap_or_default()}</td>
                    <td>{crate::domain::warsaw_time::to_warsaw(p.cast_minute).time().to_string()} " " {iso_date(p.cast_minute)}</td>
                    <td><code>{p.ip.unwrap_or_default()}</code></td>
                    <td>
                        {if p.annulled {
                            view! { <span>{t.annulled}</span> }.into_any()
                        } else if sealed {
                            ().into_any()
                        } else {
                            view! {
                                <form method="post" action=format!("/moderation/budget/{year}/integrity") class="inline-form">
                                    <input type="hidden" name="participation" value=p.id.to_string()/>
                                    <label for=reason_id.clone()>{t.annul_reason}</label>
                                    <input id=reason_id type="text" name="reason" minlength="10" maxlength="2000"/>
                                    <button type="submit" name="intent" value="annul" class="secondary">{t.annul}</button>
                                </form>
                            }
                                .into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view()
}

fn signal_section(year: i64, index: usize, s: Signal, sealed: bool, locale: Locale) -> AnyView {
    let t = locale.vote();
    let heading = match s.kind.as_str() {
        "burst" => format!("{}: {}", t.per_minute, s.count),
        "address" => format!("{} ({}): {}", t.per_address, t.address, s.count),
        "device" => format!("{} ({}): {}", t.per_address, t.device, s.count),
        "age" => format!("{} {}: {}", t.birth_year, s.key, s.count),
        _ => format!("{}: {}", t.identical, s.count),
    };
    let id = format!("signal-{index}");
    let labelled = id.clone();
    view! {
        <section aria-labelledby=labelled class="signal">
            <h3 id=id>{heading}</h3>
            <p><code>{s.key.clone()}</code></p>
            {(!s.participations.is_empty()).then(|| view! {
                <table class="register">
                    <caption>{t.signals_heading}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{t.channel}</th>
                            <th scope="col">{t.district_label}</th>
                            <th scope="col">{t.birth_year}</th>
                            <th scope="col">{t.minute}</th>
                            <th scope="col">{t.address}</th>
                            <th scope="col">{t.annul}</th>
                        </tr>
                    </thead>
                    <tbody>{participation_rows(year, s.participations, sealed, locale).into_any()}</tbody>
                </table>
            })}
            {(!s.ballots.is_empty()).then(|| view! {
                <p>{t.receipts} ": " {s.ballots.join(", ")}</p>
            })}
        </section>
    }
    .into_any()
}

fn integrity_view(v: IntegrityView, locale: Locale) -> impl IntoView {
    let t = locale.vote();
    let title = format!("{} {}", t.integrity_title, v.year);
    let feedback = feedback_for("vote_integrity");
    let year = v.year;
    let sealed = v.sealed;
    let th = v.thresholds;
    let no_conflicts = v.conflicts.is_empty();
    view! {
        <crate::components::PageTitle text=title.clone()/>
        <h1>{title}</h1>
        <DoneNotice/>
        {general_error(&feedback, locale)}
        <p>
            <a href=format!("/moderation/budget/{year}/vote")>{t.staff_title}</a>
            " · "
            <a href=format!("/budget/{year}/cards")>{t.cards_link}</a>
        </p>
        <section aria-labelledby="conflicts-heading">
            <h2 id="conflicts-heading">{t.conflicts_heading}</h2>
            <p>{t.conflicts_hint}</p>
            {if no_conflicts {
                view! { <p>{t.no_conflicts}</p> }.into_any()
            } else {
                view! {
                    <table class="register">
                        <caption>{t.conflicts_heading}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.voting_point}</th>
                                <th scope="col">{t.cast_day}</th>
                                <th scope="col">{t.channel}</th>
                                <th scope="col">{t.status}</th>
                                <th scope="col">{t.resolve}</th>
                            </tr>
                        </thead>
                        <tbody>{conflict_rows(year, v.conflicts, sealed, locale).into_any()}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        {signals_section(year, sealed, th, v.signals, locale)}
    }
}

/// The report's signals under their thresholds' form.
fn signals_section(year: i64, sealed: bool, th: Thresholds, signals: Vec<Signal>, locale: Locale) -> AnyView {
    let t = locale.vote();
    let threshold = |name: &'static str, label: &'static str, value: i64| {
        let id = format!("threshold-{name}");
        view! {
            <div class="field inline">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type="number" min="1" value=value.to_string()/>
            </div>
        }
    };
    let empty = signals.is_empty();
    view! {
        <section aria-labelledby="signals-heading">
            <h2 id="signals-heading">{t.signals_heading}</h2>
            <form method="get" action=format!("/moderation/budget/{year}/integrity") class="inline-form">
                <fieldset>
                    <legend>{t.thresholds}</legend>
                    {threshold("per_minute", t.per_minute, th.per_minute)}
                    {threshold("per_address", t.per_address, th.per_address)}
                    {threshold("age", t.age, th.age)}
                    {threshold("identical", t.identical, th.identical)}
                </fieldset>
                <button type="submit">{t.show}</button>
            </form>
            {empty.then(|| view! { <p>{t.no_signals}</p> })}
            {signals.into_iter().enumerate().map(|(i, s)| signal_section(year, i, s, sealed, locale)).collect_view()}
        </section>
    }
    .into_any()
}
