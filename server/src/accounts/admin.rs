//! Administration posts: roles and account status, organisations, members. Each one is
//! authorised by the rule book and written to the audit log with before and after.

use super::{internal, record, render, require, see_other, FormData};
use app::accounts::audit::Event;
use app::accounts::authz::Action;
use app::accounts::forms::FormFeedback;
use app::accounts::model::{Role, UserStatus};
use app::accounts::{storage, validation};
use app::state::{now, AppState};
use axum::{
    extract::{Path, State},
    http::{request::Parts, StatusCode},
    response::Response,
};

pub async fn set_roles(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/admin/users/{id}");
    let me = match require(&state, &parts, Action::ManageUsers, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let feedback = FormFeedback::new("roles");
    let wanted: Vec<Role> = form.all("roles").iter().filter_map(|code| Role::from_code(code)).collect();
    let target = match storage::user_summary(&state.db, id).await {
        Ok(Some(user)) if user.status != UserStatus::Deleted => user,
        Ok(_) => return render(&state, &parts, &page, feedback, StatusCode::NOT_FOUND).await,
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    if id == me.id && !wanted.contains(&Role::Admin) {
        return render(&state, &parts, &page, feedback.error("", "own_admin_role"), StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let at = now();
    for role in Role::ALL {
        let grant = wanted.contains(&role);
        if grant == target.roles.contains(&role) {
            continue;
        }
        match storage::set_role(&state.db, id, role, grant, me.id, at).await {
            Ok(true) => {
                let event = Event {
                    actor_id: Some(me.id),
                    action: if grant { "role.grant" } else { "role.revoke" },
                    object_type: "user",
                    object_id: id.to_string(),
                    before: Some(
                        serde_json::json!({ "roles": target.roles.iter().map(|r| r.code()).collect::<Vec<_>>() }),
                    ),
                    after: Some(serde_json::json!({ "role": role.code(), "granted": grant })),
                };
                if let Err(response) = record(&state, event).await {
                    return response;
                }
            }
            Ok(false) => {}
            Err(_) => return internal(&state, &parts, &page, feedback).await,
        }
    }
    see_other(&format!("{page}?done=roles_saved"))
}

pub async fn set_status(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/admin/users/{id}");
    let me = match require(&state, &parts, Action::ManageUsers, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let feedback = FormFeedback::new("roles");
    let disable = form.get("disabled") == "yes";
    if id == me.id {
        return render(&state, &parts, &page, feedback.error("", "own_admin_role"), StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    match storage::set_disabled(&state.db, id, disable, now()).await {
        Ok(changed) => {
            if changed {
                let (before, after) = if disable { ("active", "disabled") } else { ("disabled", "active") };
                let event = Event {
                    actor_id: Some(me.id),
                    action: if disable { "account.disable" } else { "account.enable" },
                    object_type: "user",
                    object_id: id.to_string(),
                    before: Some(serde_json::json!({ "status": before })),
                    after: Some(serde_json::json!({ "status": after })),
                };
                if let Err(response) = record(&state, event).await {
                    return response;
                }
            }
            see_other(&format!("{page}?done=status_saved"))
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

pub async fn create_ngo(State(state): State<AppState>, parts: Parts, form: FormData) -> Response {
    let page = "/admin/organisations";
    let me = match require(&state, &parts, Action::ManageOrganisations, page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let fields = ["name", "krs", "regon", "nip", "admin_email"].map(|f| (f, form.get(f)));
    let mut feedback = FormFeedback::new("ngo");
    for (name, value) in &fields {
        feedback = feedback.value(name, value);
    }
    let [name, krs, regon, nip, admin_email] = fields.map(|(_, v)| v);
    let name = validation::organisation_name(&name).map_err(|c| feedback = feedback.clone().error("name", c));
    let krs = validation::krs(&krs).map_err(|c| feedback = feedback.clone().error("krs", c));
    let regon = validation::optional_regon(&regon).map_err(|c| feedback = feedback.clone().error("regon", c));
    let nip = validation::optional_nip(&nip).map_err(|c| feedback = feedback.clone().error("nip", c));
    let mut admin = None;
    if !admin_email.trim().is_empty() {
        match validation::normalise_email(&admin_email) {
            Ok(email) => match storage::user_id_by_email(&state.db, &email).await {
                Ok(Some(id)) => admin = Some(id),
                Ok(None) => feedback = feedback.error("admin_email", "user_not_found"),
                Err(_) => return internal(&state, &parts, page, feedback).await,
            },
            Err(code) => feedback = feedback.error("admin_email", code),
        }
    }
    let (Ok(name), Ok(krs), Ok(regon), Ok(nip), false) = (name, krs, regon, nip, feedback.has_errors()) else {
        return render(&state, &parts, page, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let at = now();
    let ngo = storage::NewNgo { name: &name, krs: &krs, regon: regon.as_deref(), nip: nip.as_deref() };
    let id = match storage::create_ngo(&state.db, &ngo, at).await {
        Ok(Some(id)) => id,
        Ok(None) => {
            return render(&state, &parts, page, feedback.error("krs", "krs_taken"), StatusCode::CONFLICT).await
        }
        Err(_) => return internal(&state, &parts, page, feedback).await,
    };
    if let Some(user_id) = admin {
        if storage::upsert_member(&state.db, id, user_id, true, at).await.is_err() {
            return internal(&state, &parts, page, feedback).await;
        }
    }
    let event = Event {
        actor_id: Some(me.id),
        action: "organisation.create",
        object_type: "organisation",
        object_id: id.to_string(),
        before: None,
        after: Some(serde_json::json!({ "name": name, "krs": krs, "regon": regon, "nip": nip, "admin": admin })),
    };
    if let Err(response) = record(&state, event).await {
        return response;
    }
    see_other("/admin/organisations?done=ngo_created")
}

pub async fn add_member(State(state): State<AppState>, Path(id): Path<i64>, parts: Parts, form: FormData) -> Response {
    let page = format!("/account/organisations/{id}");
    let me = match require(&state, &parts, Action::ManageMembers { organisation_id: id }, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let email_input = form.get("email");
    let is_admin = form.get("is_admin") == "yes";
    let feedback = FormFeedback::new("member").value("email", &email_input);
    let email = match validation::normalise_email(&email_input) {
        Ok(email) => email,
        Err(code) => {
            return render(&state, &parts, &page, feedback.error("email", code), StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    let user_id = match storage::user_id_by_email(&state.db, &email).await {
        Ok(Some(user_id)) => user_id,
        Ok(None) => {
            return render(
                &state,
                &parts,
                &page,
                feedback.error("email", "user_not_found"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(_) => return internal(&state, &parts, &page, feedback).await,
    };
    match storage::upsert_member(&state.db, id, user_id, is_admin, now()).await {
        Ok(changed) => {
            if changed {
                let event = Event {
                    actor_id: Some(me.id),
                    action: "membership.add",
                    object_type: "organisation",
                    object_id: id.to_string(),
                    before: None,
                    after: Some(serde_json::json!({ "user": user_id, "is_admin": is_admin })),
                };
                if let Err(response) = record(&state, event).await {
                    return response;
                }
            }
            see_other(&format!("{page}?done=member_added"))
        }
        Err(_) => internal(&state, &parts, &page, feedback).await,
    }
}

pub async fn remove_member(
    State(state): State<AppState>,
    Path((id, user_id)): Path<(i64, i64)>,
    parts: Parts,
) -> Response {
    let page = format!("/account/organisations/{id}");
    let me = match require(&state, &parts, Action::ManageMembers { organisation_id: id }, &page).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    match storage::remove_member(&state.db, id, user_id).await {
        Ok(changed) => {
            if changed {
                let event = Event {
                    actor_id: Some(me.id),
                    action: "membership.remove",
                    object_type: "organisation",
                    object_id: id.to_string(),
                    before: Some(serde_json::json!({ "user": user_id })),
                    after: None,
                };
                if let Err(response) = record(&state, event).await {
                    return response;
                }
            }
            // Someone who removed themself can no longer see the page.
            if user_id == me.id {
                see_other("/account")
            } else {
                see_other(&format!("{page}?done=member_removed"))
            }
        }
        Err(_) => internal(&state, &parts, &page, FormFeedback::new("member")).await,
    }
}
