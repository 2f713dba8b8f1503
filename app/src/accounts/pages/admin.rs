//! `/admin` and its pages: users and their roles, organisations, the audit log; and
//! `/dev/outbox`, the mail the demo site would have sent.

use super::account::role_label;
use super::{refusal, PageHeading};
use crate::accounts::api::{find_users, get_audit, get_outbox, get_user, list_organisations};
use crate::accounts::authz::{decide, Action, Denial};
use crate::accounts::forms::{DoneNotice, ErrorSummary, Field};
use crate::accounts::model::{OrganisationKind, Role, UserStatus, UserSummary};
use crate::accounts::validation::{MAX_EMAIL_CHARS, MAX_ORGANISATION_NAME_CHARS};
use crate::components::layout::use_locale;
use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The refusal for pages that show no data of their own (the rule book decides).
fn gate(action: Action) -> Option<AnyView> {
    let user = crate::accounts::api::current_user();
    match decide(user.as_ref(), action) {
        Ok(()) => None,
        Err(Denial::SignInRequired) => Some(refusal(AppError::SignInRequired)),
        Err(Denial::Forbidden) => Some(refusal(AppError::Forbidden)),
    }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let a = use_locale().accounts();
    view! {
        {match gate(Action::ManageUsers) {
            Some(refused) => refused,
            None => {
                view! {
                    <PageHeading title=a.admin_title/>
                    <ul class="link-list">
                        <li>
                            <a href="/admin/users">{a.admin_users}</a>
                        </li>
                        <li>
                            <a href="/admin/organisations">{a.admin_organisations}</a>
                        </li>
                        <li>
                            <a href="/admin/audit">{a.audit_log}</a>
                        </li>
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

fn status_label(locale: Locale, status: UserStatus) -> &'static str {
    let a = locale.accounts();
    match status {
        UserStatus::Pending => a.status_pending,
        UserStatus::Active => a.status_active,
        UserStatus::Disabled => a.status_disabled,
        UserStatus::Deleted => a.status_deleted,
    }
}

#[component]
pub fn AdminUsers() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let query = use_query_map().get_untracked().get("q").unwrap_or_default();
    let data = {
        let query = query.clone();
        async move { find_users(query).await }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(users) => {
                        view! {
                            <PageHeading title=a.admin_users/>
                            <form method="get" action="/admin/users" class="search-form" role="search">
                                <label for="user-search">{a.find_user}</label>
                                <input id="user-search" type="search" name="q" value=query maxlength="100"/>
                                <button type="submit" class="button">{a.search}</button>
                            </form>
                            <UserTable users=users locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(users: Vec<UserSummary>, locale: Locale) -> impl IntoView {
    let a = locale.accounts();
    if users.is_empty() {
        return view! { <p>{a.no_users_found}</p> }.into_any();
    }
    view! {
        <table>
            <caption>{a.users_found}</caption>
            <thead>
                <tr>
                    <th scope="col">{a.display_name}</th>
                    <th scope="col">{a.email}</th>
                    <th scope="col">{a.roles}</th>
                    <th scope="col">{a.status}</th>
                </tr>
            </thead>
            <tbody>
                {users
                    .into_iter()
                    .map(|u| {
                        let roles = u.roles.iter().map(|r| role_label(locale, *r)).collect::<Vec<_>>().join(", ");
                        view! {
                            <tr>
                                <td>
                                    <a href=format!(
                                        "/admin/users/{}",
                                        u.id,
                                    )>{u.display_name.clone().unwrap_or_else(|| a.deleted_user.to_owned())}</a>
                                </td>
                                <td>{u.email.clone().unwrap_or_default()}</td>
                                <td>{roles}</td>
                                <td>{status_label(locale, u.status)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AdminUser() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = async move { get_user(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(user) => view! { <UserDetail user=user locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserDetail(user: UserSummary, locale: Locale) -> impl IntoView {
    let (t, a) = (locale.texts(), locale.accounts());
    let name = user.display_name.clone().unwrap_or_else(|| a.deleted_user.to_owned());
    let base = format!("/admin/users/{}", user.id);
    let deleted = user.status == UserStatus::Deleted;
    view! {
        <crate::components::PageTitle text=format!("{name} · {}", t.site_name)/>
        <h1>{name}</h1>
        <DoneNotice/>
        <ErrorSummary form="roles"/>
        <dl class="facts">
            <dt>{a.email}</dt>
            <dd>{user.email.clone().unwrap_or_default()}</dd>
            <dt>{a.status}</dt>
            <dd>{status_label(locale, user.status)}</dd>
            <dt>{a.member_since}</dt>
            <dd>{locale.date(user.created_at)}</dd>
        </dl>
        {(!deleted)
            .then(|| {
                view! {
                    <form method="post" action=format!("{base}/roles") class="stack">
                        <fieldset>
                            <legend>{a.roles}</legend>
                            <p class="hint">{a.roles_hint}</p>
                            {Role::ALL
                                .into_iter()
                                .map(|role| {
                                    let id = format!("role-{}", role.code());
                                    view! {
                                        <div class="field checkbox">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                name="roles"
                                                value=role.code()
                                                checked=user.roles.contains(&role)
                                            />
                                            <label for=id>{role_label(locale, role)}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                        <button type="submit" class="button">{a.save_roles}</button>
                    </form>
                    <form method="post" action=format!("{base}/status") class="stack">
                        <input
                            type="hidden"
                            name="disabled"
                            value=if user.status == UserStatus::Disabled { "no" } else { "yes" }
                        />
                        <button type="submit" class="button button-danger">
                            {if user.status == UserStatus::Disabled { a.enable_account } else { a.disable_account }}
                        </button>
                    </form>
                }
            })}
        <p>
            <a href=format!("/admin/audit?actor={}", user.id)>{a.audit_of_user}</a>
        </p>
    }
}

#[component]
pub fn AdminOrganisations() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let data = async move { list_organisations().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        view! {
                            <PageHeading title=a.admin_organisations/>
                            <DoneNotice/>
                            <table>
                                <caption class="visually-hidden">{a.admin_organisations}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{a.organisation}</th>
                                        <th scope="col">{a.organisation_kind}</th>
                                        <th scope="col">"KRS"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|o| {
                                            view! {
                                                <tr>
                                                    <td>
                                                        <a href=format!(
                                                            "/account/organisations/{}",
                                                            o.id,
                                                        )>{o.name.clone()}</a>
                                                    </td>
                                                    <td>
                                                        {match o.kind {
                                                            OrganisationKind::Ngo => a.kind_ngo,
                                                            OrganisationKind::DistrictCouncil => a.kind_council,
                                                        }}
                                                    </td>
                                                    <td>{o.krs.unwrap_or_default()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            <NewNgoForm locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewNgoForm(locale: Locale) -> impl IntoView {
    let a = locale.accounts();
    view! {
        <section aria-labelledby="new-ngo">
            <h2 id="new-ngo">{a.new_ngo}</h2>
            <ErrorSummary form="ngo"/>
            <form method="post" action="/admin/organisations" class="stack narrow" novalidate>
                <Field form="ngo" name="name" label=a.organisation_name maxlength=MAX_ORGANISATION_NAME_CHARS/>
                <Field form="ngo" name="krs" label=a.krs hint=a.krs_hint autocomplete="off" maxlength=14/>
                <Field form="ngo" name="regon" label=a.regon required=false autocomplete="off" maxlength=17/>
                <Field form="ngo" name="nip" label=a.nip required=false autocomplete="off" maxlength=13/>
                <Field
                    form="ngo"
                    name="admin_email"
                    label=a.organisation_admin_email
                    hint=a.organisation_admin_email_hint
                    kind="email"
                    required=false
                    maxlength=MAX_EMAIL_CHARS
                />
                <button type="submit" class="button">{a.create_ngo}</button>
            </form>
        </section>
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let query = use_query_map().get_untracked();
    let (action, actor, page) = (query.get("action"), query.get("actor"), query.get("page"));
    let data = {
        let (action, actor) = (action.clone(), actor.clone());
        async move { get_audit(action, actor, page).await }
    };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(log) => {
                        let chain = match log.chain {
                            Ok(n) => {
                                view! {
                                    <p class="notice" role="status">
                                        {a.chain_intact.replace("{n}", &n.to_string())}
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(seq) => {
                                view! {
                                    <p class="notice notice-problem" role="alert">
                                        {a.chain_broken.replace("{n}", &seq.to_string())}
                                    </p>
                                }
                                    .into_any()
                            }
                        };
                        let selected = action.clone().unwrap_or_default();
                        view! {
                            <PageHeading title=a.audit_log/>
                            {chain}
                            <form method="get" action="/admin/audit" class="filters">
                                <div class="field">
                                    <label for="audit-action">{a.audit_action}</label>
                                    <select id="audit-action" name="action">
                                        <option value="">{a.audit_any_action}</option>
                                        {log
                                            .actions
                                            .iter()
                                            .map(|x| {
                                                view! {
                                                    <option value=x.clone() selected=*x == selected>
                                                        {x.clone()}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="audit-actor">{a.audit_actor_id}</label>
                                    <input
                                        id="audit-actor"
                                        name="actor"
                                        inputmode="numeric"
                                        value=actor.clone().unwrap_or_default()
                                    />
                                </div>
                                <button type="submit" class="button">{a.search}</button>
                            </form>
                            <table class="audit">
                                <caption class="visually-hidden">{a.audit_log}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"#"</th>
                                        <th scope="col">{a.audit_when}</th>
                                        <th scope="col">{a.audit_who}</th>
                                        <th scope="col">{a.audit_action}</th>
                                        <th scope="col">{a.audit_object}</th>
                                        <th scope="col">{a.audit_change}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {log
                                        .entries
                                        .into_iter()
                                        .map(|e| {
                                            let who = match (e.actor_id, e.actor_name) {
                                                (None, _) => "—".to_owned(),
                                                (Some(id), Some(name)) => format!("{name} (#{id})"),
                                                (Some(id), None) => format!("{} (#{id})", a.deleted_user),
                                            };
                                            let change = [e.before_json, e.after_json]
                                                .map(|x| x.unwrap_or_else(|| "—".to_owned()))
                                                .join(" → ");
                                            view! {
                                                <tr>
                                                    <td>{e.seq}</td>
                                                    <td>{locale.date_time(e.at)}</td>
                                                    <td>{who}</td>
                                                    <td>
                                                        <code>{e.action}</code>
                                                    </td>
                                                    <td>{format!("{} {}", e.object_type, e.object_id)}</td>
                                                    <td>
                                                        <code>{change}</code>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            {log.has_more.then(|| view! { <p>{a.audit_more}</p> })}
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let data = async move { get_outbox().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(messages) => {
                        view! {
                            <PageHeading title=a.outbox_title/>
                            <p class="lead">{a.outbox_lead}</p>
                            {messages.is_empty().then(|| view! { <p>{a.outbox_empty}</p> })}
                            {messages
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <article class="mail">
                                            <h2>{m.subject}</h2>
                                            <p>
                                                {a.outbox_to} " " <code>{m.to_address}</code> " · "
                                                {locale.date_time(m.created_at)}
                                            </p>
                                            <pre>{m.body}</pre>
                                        </article>
                                    }
                                })
                                .collect_view()}
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}
