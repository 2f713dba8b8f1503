//! `/account` (profile, password, organisations, "My data", deleting the account) and
//! `/account/organisations/{id}` (members, managed by the organisation's admins).

use super::{refusal, PageHeading};
use crate::accounts::api::{get_account, get_organisation};
use crate::accounts::forms::{DistrictSelect, DoneNotice, ErrorSummary, Field};
use crate::accounts::model::{AccountView, OrganisationDetail, OrganisationKind, Role};
use crate::accounts::validation::{MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PASSWORD_CHARS};
use crate::components::layout::use_locale;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let data = async move { get_account().await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(account) => {
                        view! {
                            <PageHeading title=a.account_title/>
                            <DoneNotice/>
                            <AccountSections account=account locale=locale/>
                        }
                            .into_any()
                    }
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

pub fn role_label(locale: Locale, role: Role) -> &'static str {
    let a = locale.accounts();
    match role {
        Role::Moderator => a.role_moderator,
        Role::Editor => a.role_editor,
        Role::Admin => a.role_admin,
    }
}

#[component]
fn AccountSections(account: AccountView, locale: Locale) -> impl IntoView {
    let a = locale.accounts();
    let roles = if account.roles.is_empty() {
        a.role_resident.to_owned()
    } else {
        account.roles.iter().map(|r| role_label(locale, *r)).collect::<Vec<_>>().join(", ")
    };
    view! {
        <section aria-labelledby="profile">
            <h2 id="profile">{a.profile}</h2>
            <dl class="facts">
                <dt>{a.email}</dt>
                <dd>{account.email.clone().unwrap_or_else(|| a.no_email.to_owned())}</dd>
                <dt>{a.roles}</dt>
                <dd>{roles}</dd>
                <dt>{a.member_since}</dt>
                <dd>{locale.date(account.created_at)}</dd>
            </dl>
            <ErrorSummary form="profile"/>
            <form method="post" action="/account/profile" class="stack narrow" novalidate>
                <Field
                    form="profile"
                    name="display_name"
                    label=a.display_name
                    hint=a.display_name_hint
                    autocomplete="name"
                    value=account.display_name.clone()
                    maxlength=MAX_NAME_CHARS
                />
                <DistrictSelect
                    form="profile"
                    label=a.home_district
                    none_label=a.no_district
                    selected=account.district
                />
                <button type="submit" class="button">{a.save_profile}</button>
            </form>
        </section>
        <section aria-labelledby="password">
            <h2 id="password">{a.password}</h2>
            {if account.has_password {
                view! {
                    <ErrorSummary form="password"/>
                    <form method="post" action="/account/password" class="stack narrow" novalidate>
                        <Field
                            form="password"
                            name="current_password"
                            label=a.current_password
                            kind="password"
                            autocomplete="current-password"
                            maxlength=MAX_PASSWORD_CHARS
                        />
                        <Field
                            form="password"
                            name="new_password"
                            label=a.new_password
                            kind="password"
                            hint=a.password_hint
                            autocomplete="new-password"
                            maxlength=MAX_PASSWORD_CHARS
                        />
                        <button type="submit" class="button">{a.change_password}</button>
                    </form>
                }
                    .into_any()
            } else {
                view! { <p>{a.provider_only}</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="organisations">
            <h2 id="organisations">{a.my_organisations}</h2>
            {if account.memberships.is_empty() {
                view! { <p>{a.no_organisations}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {account
                            .memberships
                            .iter()
                            .map(|m| {
                                let role = if m.is_admin { a.organisation_admin } else { a.organisation_member };
                                view! {
                                    <li>
                                        <a href=format!(
                                            "/account/organisations/{}",
                                            m.organisation_id,
                                        )>{m.organisation_name.clone()}</a>
                                        " (" {role} ")"
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="my-data">
            <h2 id="my-data">{a.my_data}</h2>
            <p>{a.my_data_lead}</p>
            <p>
                <a href="/account/data.json" download="moje-dane.json">{a.download_my_data}</a>
            </p>
            <p>
                <a href="/privacy">{a.privacy_title}</a>
            </p>
        </section>
        <section aria-labelledby="delete-account" class="danger-zone">
            <h2 id="delete-account">{a.delete_account}</h2>
            <p>{a.delete_account_lead}</p>
            <ErrorSummary form="delete"/>
            <form method="post" action="/account/delete" class="stack narrow" novalidate>
                {account
                    .has_password
                    .then(|| {
                        view! {
                            <Field
                                form="delete"
                                name="password"
                                label=a.current_password
                                kind="password"
                                autocomplete="current-password"
                                maxlength=MAX_PASSWORD_CHARS
                            />
                        }
                    })}
                <Field form="delete" name="confirm" label=a.delete_confirm_label hint=a.delete_confirm_hint/>
                <button type="submit" class="button button-danger">{a.delete_account_button}</button>
            </form>
        </section>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().get_untracked().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let data = async move { get_organisation(id).await };
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <OrganisationSections detail=detail locale=locale/> }.into_any(),
                    Err(e) => refusal(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationSections(detail: OrganisationDetail, locale: Locale) -> impl IntoView {
    let (t, a) = (locale.texts(), locale.accounts());
    let org = detail.organisation;
    let manage = crate::accounts::api::current_user().is_some_and(|u| {
        crate::accounts::authz::permits(
            Some(&u),
            crate::accounts::authz::Action::ManageMembers { organisation_id: org.id },
        )
    });
    let kind = match org.kind {
        OrganisationKind::Ngo => a.kind_ngo,
        OrganisationKind::DistrictCouncil => a.kind_council,
    };
    let base = format!("/account/organisations/{}", org.id);
    view! {
        <crate::components::PageTitle text=format!("{} · {}", org.name, t.site_name)/>
        <h1>{org.name.clone()}</h1>
        <DoneNotice/>
        <dl class="facts">
            <dt>{a.organisation_kind}</dt>
            <dd>{kind}</dd>
            {org.krs.clone().map(|k| view! { <dt>"KRS"</dt><dd>{k}</dd> })}
            {org.regon.clone().map(|k| view! { <dt>"REGON"</dt><dd>{k}</dd> })}
            {org.nip.map(|k| view! { <dt>"NIP"</dt><dd>{k}</dd> })}
        </dl>
        <section aria-labelledby="members">
            <h2 id="members">{a.members}</h2>
            {if detail.members.is_empty() {
                view! { <p>{a.no_members}</p> }.into_any()
            } else {
                view! {
                    <table>
                        <caption class="visually-hidden">{a.members}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{a.display_name}</th>
                                <th scope="col">{a.role}</th>
                                {manage.then(|| view! { <th scope="col">{a.actions}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {detail
                                .members
                                .into_iter()
                                .map(|m| {
                                    let name = m.display_name.clone().unwrap_or_else(|| a.deleted_user.to_owned());
                                    let label = a.remove_member.replace("{name}", &name);
                                    view! {
                                        <tr>
                                            <td>{name}</td>
                                            <td>
                                                {if m.is_admin { a.organisation_admin } else { a.organisation_member }}
                                            </td>
                                            {manage
                                                .then(|| {
                                                    view! {
                                                        <td>
                                                            <form
                                                                method="post"
                                                                action=format!("{base}/members/{}/remove", m.user_id)
                                                            >
                                                                <button type="submit" class="button-link" aria-label=label>
                                                                    {a.remove}
                                                                </button>
                                                            </form>
                                                        </td>
                                                    }
                                                })}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        {manage
            .then(|| {
                view! {
                    <section aria-labelledby="add-member">
                        <h2 id="add-member">{a.add_member}</h2>
                        <ErrorSummary form="member"/>
                        <form method="post" action=format!("{base}/members") class="stack narrow" novalidate>
                            <Field
                                form="member"
                                name="email"
                                label=a.member_email
                                kind="email"
                                hint=a.member_email_hint
                                maxlength=MAX_EMAIL_CHARS
                            />
                            <div class="field checkbox">
                                <input type="checkbox" id="member-admin" name="is_admin" value="yes"/>
                                <label for="member-admin">{a.make_organisation_admin}</label>
                            </div>
                            <button type="submit" class="button">{a.add_member_button}</button>
                        </form>
                    </section>
                }
            })}
    }
}
