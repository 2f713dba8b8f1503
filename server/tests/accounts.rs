//! Accounts on both backends: sign-up with a confirmed address, sign-in and its
//! limits, sessions (fresh id, sign-out, idle and absolute expiry, forged cookies),
//! password change and reset links, "My data", account deletion, escaping of names,
//! cross-site posts, and the audit log's chain.

mod common;

use app::accounts::{audit, model::Role};
use common::{backends, session_cookie, spawn_app, spawn_app_with};

const PASSWORD: &str = "zielony tramwaj nad wisłą";

/// The link of the given kind in a mail body.
fn link_in(body: &str, path: &str) -> String {
    let start = body.find(path).unwrap_or_else(|| panic!("no {path} link in {body}"));
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn sign_up_confirms_the_address_before_the_account_works() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        // Bad input: every problem at once, and what was typed comes back (never the password).
        let refused = app
            .post_form("/signup", &[("display_name", "Ala<b>"), ("email", "ala@"), ("password", "short")], None)
            .await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Ala&lt;b&gt;"), "the name is kept, escaped");
        assert!(html.contains("value=\"ala@\""));
        assert!(html.contains("co najmniej 12 znaków") || html.contains("12"), "password rule shown");
        assert!(!html.contains("value=\"short\""), "a password is never echoed");
        assert!(html.contains("aria-invalid=\"true\""));

        let fields =
            [("display_name", "Ala Kot"), ("email", "Ala@Example.PL"), ("password", PASSWORD), ("consent", "yes")];
        let response = app.post_form("/signup", &fields, None).await;
        assert_eq!(response.status(), 303, "{backend:?}");
        assert_eq!(response.headers()["location"], "/signup?done=check_inbox");
        assert!(session_cookie(&response).is_none(), "not signed in before confirming");

        // Signing in before confirming is refused with a clear message.
        let early = app.post_form("/signin", &[("email", "ala@example.pl"), ("password", PASSWORD)], None).await;
        assert_eq!(early.status(), 403);

        // Signing up again with the same address answers the same, and mails the owner.
        let again = app.post_form("/signup", &fields, None).await;
        assert_eq!(again.status(), 303);
        assert_eq!(again.headers()["location"], "/signup?done=check_inbox");
        app.wait_for_mail("ala@example.pl", 2).await;
        // Mail goes out in the background: the two may arrive in either order.
        let mails = app.mails_to("ala@example.pl").await;
        let first = mails.iter().find(|m| m.body.contains("/signup/confirm/")).expect("a confirmation mail");
        let confirm = link_in(&first.body, "/signup/confirm/");
        assert!(
            mails.iter().any(|m| m.body.contains("/password-reset") && !m.body.contains("/signup/confirm/")),
            "the second mail says the account exists"
        );

        // Opening the link changes nothing; the button posts the confirmation.
        let path = confirm.trim_start_matches(&app.address).to_owned();
        let (status, page) = app.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("action=\"{path}\"")));
        let confirmed = app.post_form(&path, &[], None).await;
        assert_eq!(confirmed.status(), 303);
        let cookie = session_cookie(&confirmed).expect("signed in after confirming");
        let (status, account) = app.get_with("/account", &cookie).await;
        assert_eq!(status, 200);
        assert!(account.contains("Ala Kot") && account.contains("ala@example.pl"));
        // The link works once.
        assert_eq!(app.post_form(&path, &[], None).await.status(), 410);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn sign_in_answers_the_same_for_unknown_addresses_and_locks_out_guessing() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("jan@example.pl", "Jan", PASSWORD, &[]).await;
        let wrong =
            app.post_form("/signin", &[("email", "jan@example.pl"), ("password", "not the password")], None).await;
        let unknown =
            app.post_form("/signin", &[("email", "nikt@example.pl"), ("password", "not the password")], None).await;
        assert_eq!(wrong.status(), 401);
        assert_eq!(unknown.status(), 401);
        let (wrong, unknown) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
        assert!(wrong.contains("role=\"alert\""));
        assert!(wrong.contains("value=\"jan@example.pl\""), "the email is kept");
        assert!(!wrong.contains("not the password"));
        let comparable = |html: &str, email: &str| {
            let html = html.replace(email, "X");
            // Each response has its own CSP nonce; nothing else may differ.
            html.split("nonce=\"")
                .enumerate()
                .map(|(i, part)| if i == 0 { part } else { part.split_once('"').map_or(part, |(_, rest)| rest) })
                .collect::<String>()
        };
        assert_eq!(
            comparable(&wrong, "jan@example.pl"),
            comparable(&unknown, "nikt@example.pl"),
            "the two answers differ only in the echoed address"
        );

        for _ in 0..4 {
            app.post_form("/signin", &[("email", "jan@example.pl"), ("password", "still wrong!!")], None).await;
        }
        // Five failures: even the right password now waits.
        let locked = app.post_form("/signin", &[("email", "jan@example.pl"), ("password", PASSWORD)], None).await;
        assert_eq!(locked.status(), 429);
        assert!(locked.headers().contains_key("retry-after"));
        // Another account is not affected.
        app.create_user("ewa@example.pl", "Ewa", PASSWORD, &[]).await;
        app.sign_in("ewa@example.pl", PASSWORD).await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn sessions_are_fresh_server_side_and_expire() {
    for backend in backends().await {
        let app = spawn_app_with(backend, |c| c.session_idle_minutes = 30).await;
        let id = app.create_user("ola@example.pl", "Ola", PASSWORD, &[]).await;
        let response = app.post_form("/signin", &[("email", "ola@example.pl"), ("password", PASSWORD)], None).await;
        let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax") && set_cookie.contains("Path=/")
        );
        assert!(!set_cookie.contains("Secure"), "plain http here");
        let first = session_cookie(&response).unwrap();
        assert!(first.len() >= "sid=".len() + 32, "at least 128 bits");
        let stored: (i64,) = sqlx::query_as("select count(*) from sessions where user_id = $1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(stored.0, 1);
        let raw = first.trim_start_matches("sid=");
        let in_db: Option<(String,)> = sqlx::query_as("select id_hash from sessions where id_hash = $1")
            .bind(raw)
            .fetch_optional(&app.state.db)
            .await
            .unwrap();
        assert!(in_db.is_none(), "the database holds only a hash of the id");

        // Signing in again from the same browser gives a new id and ends the old one.
        let again =
            app.post_form("/signin", &[("email", "ola@example.pl"), ("password", PASSWORD)], Some(&first)).await;
        let second = session_cookie(&again).unwrap();
        assert_ne!(first, second);
        assert_eq!(app.get_with("/account", &first).await.0, 302, "the old id is dead");
        assert_eq!(app.get_with("/account", &second).await.0, 200);

        // Used after 20 idle minutes: marked as seen (in the background, soon after the
        // answer), so the idle limit counts from now.
        sqlx::query("update sessions set last_seen_at = last_seen_at - 1200").execute(&app.state.db).await.unwrap();
        let idle: (i64,) = sqlx::query_as("select last_seen_at from sessions").fetch_one(&app.state.db).await.unwrap();
        assert_eq!(app.get_with("/account", &second).await.0, 200);
        let mut seen = idle.0;
        // Polls for the mark (every 10 ms, at most 2 s): it is written after the answer.
        for _ in 0..200 {
            seen = sqlx::query_as::<_, (i64,)>("select last_seen_at from sessions")
                .fetch_one(&app.state.db)
                .await
                .unwrap()
                .0;
            if seen > idle.0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(seen >= idle.0 + 1200, "the session was marked as seen: {seen} after {}", idle.0);

        // Idle for more than 30 minutes: the session is over, and the cookie is cleared.
        sqlx::query("update sessions set last_seen_at = last_seen_at - 1801").execute(&app.state.db).await.unwrap();
        let expired =
            app.client.get(format!("{}/account", app.address)).header("cookie", &second).send().await.unwrap();
        assert_eq!(expired.status(), 302);
        assert!(expired.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
        assert!(expired.headers()["location"].to_str().unwrap().ends_with("reason=ended"), "the person is told why");

        // Absolute limit: 12 hours after sign-in, however active.
        let third = app.sign_in("ola@example.pl", PASSWORD).await;
        sqlx::query("update sessions set created_at = created_at - 43201").execute(&app.state.db).await.unwrap();
        assert_eq!(app.get_with("/account", &third).await.0, 302);

        // Sign-out ends the session on the server, not only in the browser.
        let fourth = app.sign_in("ola@example.pl", PASSWORD).await;
        let out = app.post_form("/signout", &[], Some(&fourth)).await;
        assert_eq!(out.status(), 303);
        assert_eq!(app.get_with("/account", &fourth).await.0, 302);

        // A forged cookie is simply no session.
        let forged = format!("sid={}", "ab".repeat(32));
        let (status, page) = app.get_with("/", &forged).await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/signin\""));
        app.cleanup().await;
    }
}

#[tokio::test]
async fn password_change_and_reset_links_end_other_sessions_and_work_once() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("piotr@example.pl", "Piotr", PASSWORD, &[]).await;
        let phone = app.sign_in("piotr@example.pl", PASSWORD).await;
        let laptop = app.sign_in("piotr@example.pl", PASSWORD).await;

        let wrong = app
            .post_form(
                "/account/password",
                &[("current_password", "nope nope nope"), ("new_password", "nowe hasło do konta")],
                Some(&laptop),
            )
            .await;
        assert_eq!(wrong.status(), 422);
        let common = app
            .post_form(
                "/account/password",
                &[("current_password", PASSWORD), ("new_password", "password1234")],
                Some(&laptop),
            )
            .await;
        assert_eq!(common.status(), 422);
        let changed = app
            .post_form(
                "/account/password",
                &[("current_password", PASSWORD), ("new_password", "nowe hasło do konta")],
                Some(&laptop),
            )
            .await;
        assert_eq!(changed.status(), 303);
        let laptop = session_cookie(&changed).expect("this browser stays signed in with a new id");
        assert_eq!(app.get_with("/account", &phone).await.0, 302, "the other device is signed out");
        assert_eq!(app.get_with("/account", &laptop).await.0, 200);

        // Reset: the same answer for a known and an unknown address.
        let known = app.post_form("/password-reset", &[("email", "piotr@example.pl")], None).await;
        let unknown = app.post_form("/password-reset", &[("email", "nikt@example.pl")], None).await;
        assert_eq!(known.status(), 303);
        assert_eq!(known.headers()["location"], unknown.headers()["location"]);
        let mail = app.wait_for_mail("piotr@example.pl", 1).await;
        let link = link_in(&mail.body, "/password-reset/");
        let path = link.trim_start_matches(&app.address).to_owned();
        assert_eq!(app.get_text(&path).await.0, 200);
        let weak = app.post_form(&path, &[("password", "short")], None).await;
        assert_eq!(weak.status(), 422);
        let done = app.post_form(&path, &[("password", "trzecie hasło, najlepsze")], None).await;
        assert_eq!(done.status(), 303);
        assert_eq!(app.get_with("/account", &laptop).await.0, 302, "a reset ends every session");
        app.sign_in("piotr@example.pl", "trzecie hasło, najlepsze").await;
        // Used links and unknown links are told apart from expired ones, with the right status.
        assert_eq!(app.get_text(&path).await.0, 410);
        assert_eq!(app.post_form(&path, &[("password", "czwarte hasło dla pewności")], None).await.status(), 410);
        assert_eq!(app.get_text(&format!("/password-reset/{}", "0".repeat(64))).await.0, 404);
        app.post_form("/password-reset", &[("email", "piotr@example.pl")], None).await;
        let mail = app.wait_for_mail("piotr@example.pl", 2).await;
        let path = link_in(&mail.body, "/password-reset/").trim_start_matches(&app.address).to_owned();
        sqlx::query("update password_resets set expires_at = 0 where used_at is null")
            .execute(&app.state.db)
            .await
            .unwrap();
        assert_eq!(app.get_text(&path).await.0, 410);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn my_data_downloads_everything_and_deletion_erases_it() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let id = app.create_user("marta@example.pl", "Marta", PASSWORD, &[]).await;
        let cookie = app.sign_in("marta@example.pl", PASSWORD).await;
        let response = app
            .client
            .get(format!("{}/account/data.json", app.address))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let data: serde_json::Value = response.json().await.unwrap();
        assert_eq!(data["account"]["email"], "marta@example.pl");
        assert_eq!(data["account"]["display_name"], "Marta");
        assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
        assert!(data["audit_log"].as_array().unwrap().iter().any(|e| e["action"] == "signin"));
        // Anonymous: sent to sign in, nothing leaks.
        let anonymous = app.get("/account/data.json").await;
        assert_eq!(anonymous.status(), 303);

        let refused =
            app.post_form("/account/delete", &[("password", PASSWORD), ("confirm", "tak")], Some(&cookie)).await;
        assert_eq!(refused.status(), 422);
        let deleted =
            app.post_form("/account/delete", &[("password", PASSWORD), ("confirm", "USUŃ")], Some(&cookie)).await;
        assert_eq!(deleted.status(), 303);
        let row: (Option<String>, Option<String>, Option<String>, String) =
            sqlx::query_as("select email, display_name, password_hash, status from users where id = $1")
                .bind(id)
                .fetch_one(&app.state.db)
                .await
                .unwrap();
        assert_eq!(row, (None, None, None, "deleted".to_owned()));
        assert_eq!(app.get_with("/account", &cookie).await.0, 302);
        let again = app.post_form("/signin", &[("email", "marta@example.pl"), ("password", PASSWORD)], None).await;
        assert_eq!(again.status(), 401);
        // The address is free again.
        app.create_user("marta@example.pl", "Marta 2", PASSWORD, &[]).await;
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_name_with_markup_is_text_everywhere() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let name = "<img src=x onerror=alert(1)>";
        let id = app.create_user("xss@example.pl", name, PASSWORD, &[]).await;
        app.create_user("root@example.pl", "Admin", PASSWORD, &[Role::Admin]).await;
        let mine = app.sign_in("xss@example.pl", PASSWORD).await;
        let admin = app.sign_in("root@example.pl", PASSWORD).await;
        for (path, cookie) in [
            ("/account".to_owned(), &mine),
            ("/".to_owned(), &mine),
            ("/admin/users?q=img".to_owned(), &admin),
            (format!("/admin/users/{id}"), &admin),
            ("/admin/audit".to_owned(), &admin),
        ] {
            let (status, html) = app.get_with(&path, cookie).await;
            assert_eq!(status, 200, "{path}");
            assert!(!html.contains("<img src=x"), "{path} must escape the name");
            assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{path} shows the name as text");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn cross_site_and_origin_less_posts_are_refused_with_a_message() {
    let app = spawn_app(common::Backend::Sqlite).await;
    app.create_user("kasia@example.pl", "Kasia", PASSWORD, &[]).await;
    let cookie = app.sign_in("kasia@example.pl", PASSWORD).await;
    let evil = app
        .client
        .post(format!("{}/account/delete", app.address))
        .header("origin", "https://evil.example")
        .header("cookie", &cookie)
        .header("accept-language", "en")
        .form(&[("confirm", "DELETE"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    assert!(evil.text().await.unwrap().contains("sent from another site"));
    let bare = app.client.post(format!("{}/signout", app.address)).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(bare.status(), 403, "no Origin and no Sec-Fetch-Site");
    assert_eq!(app.get_with("/account", &cookie).await.0, 200, "nothing happened");
    // A write to a path that is not a registered write route is refused too.
    assert_eq!(app.post_form("/consultations", &[], Some(&cookie)).await.status(), 405);
    app.cleanup().await;
}

#[tokio::test]
async fn the_audit_log_records_staff_actions_and_detects_tampering() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        app.create_user("root@example.pl", "Admin", PASSWORD, &[Role::Admin]).await;
        let target = app.create_user("ewa@example.pl", "Ewa", PASSWORD, &[]).await;
        let admin = app.sign_in("root@example.pl", PASSWORD).await;
        let granted = app
            .post_form(
                &format!("/admin/users/{target}/roles"),
                &[("roles", "moderator"), ("roles", "editor")],
                Some(&admin),
            )
            .await;
        assert_eq!(granted.status(), 303);
        let revoked =
            app.post_form(&format!("/admin/users/{target}/roles"), &[("roles", "editor")], Some(&admin)).await;
        assert_eq!(revoked.status(), 303);
        let roles: Vec<(String,)> = sqlx::query_as("select role from user_roles where user_id = $1")
            .bind(target)
            .fetch_all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(roles, vec![("editor".to_owned(),)]);
        // An admin cannot remove their own admin role (nobody could give it back).
        let me: (i64,) = sqlx::query_as("select id from users where email = 'root@example.pl'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(app.post_form(&format!("/admin/users/{}/roles", me.0), &[], Some(&admin)).await.status(), 422);

        let entries = audit::list(&app.state.db, &audit::AuditFilter::default(), 100, 0).await.unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"role.grant") && actions.contains(&"role.revoke") && actions.contains(&"signin"));
        let revoke = entries.iter().find(|e| e.action == "role.revoke").unwrap();
        assert_eq!(revoke.object_id, target.to_string());
        assert!(revoke.before_json.as_deref().unwrap().contains("moderator"));
        let (status, page) = app.get_with("/admin/audit?action=role.grant", &admin).await;
        assert_eq!(status, 200);
        assert!(page.contains("role.grant") && !page.contains("<code>role.revoke</code>"));
        let rows = audit::verify(&app.state.db).await.unwrap().expect("an intact chain");
        assert_eq!(rows as usize, entries.len());

        // Editing a row is detected at that row; removing one breaks the chain after it.
        sqlx::query("update audit_log set object_id = '999' where action = 'role.revoke'")
            .execute(&app.state.db)
            .await
            .unwrap();
        assert_eq!(audit::verify(&app.state.db).await.unwrap(), Err(audit::ChainProblem::Altered { seq: revoke.seq }));
        sqlx::query("update audit_log set object_id = $1 where action = 'role.revoke'")
            .bind(target.to_string())
            .execute(&app.state.db)
            .await
            .unwrap();
        assert!(audit::verify(&app.state.db).await.unwrap().is_ok());
        sqlx::query("delete from audit_log where seq = 2").execute(&app.state.db).await.unwrap();
        assert_eq!(audit::verify(&app.state.db).await.unwrap(), Err(audit::ChainProblem::Broken { seq: 3 }));
        let (_, page) = app.get_with("/admin/audit", &admin).await;
        assert!(page.contains("role=\"alert\""), "the admin page says the chain is broken");

        // Disabling an account ends its sessions; its owner is told, with 403, after
        // giving the right password (a wrong one still says only "wrong").
        let ewa = app.sign_in("ewa@example.pl", PASSWORD).await;
        let disabled =
            app.post_form(&format!("/admin/users/{target}/status"), &[("disabled", "yes")], Some(&admin)).await;
        assert_eq!(disabled.status(), 303);
        assert_eq!(app.get_with("/account", &ewa).await.0, 302);
        let refused = app.post_form("/signin", &[("email", "ewa@example.pl"), ("password", PASSWORD)], None).await;
        assert_eq!(refused.status(), 403);
        assert!(refused.text().await.unwrap().contains("zablokowane"));
        let wrong = app.post_form("/signin", &[("email", "ewa@example.pl"), ("password", "not it at all")], None).await;
        assert_eq!(wrong.status(), 401);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn district_councils_exist_and_organisation_admins_manage_members() {
    for backend in backends().await {
        let app = spawn_app(backend).await;
        let councils: (i64,) = sqlx::query_as("select count(*) from organisations where kind = 'district_council'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(councils.0, 18);
        app.create_user("root@example.pl", "Admin", PASSWORD, &[Role::Admin]).await;
        app.create_user("szefowa@example.pl", "Szefowa", PASSWORD, &[]).await;
        app.create_user("czlonek@example.pl", "Członek", PASSWORD, &[]).await;
        let admin = app.sign_in("root@example.pl", PASSWORD).await;
        let bad = app
            .post_form(
                "/admin/organisations",
                &[("name", "Fundacja"), ("krs", "12ab"), ("nip", "1234567890")],
                Some(&admin),
            )
            .await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(
            html.contains("value=\"Fundacja\"") && html.contains("ngo-krs-error") && html.contains("ngo-nip-error")
        );
        let fields = [
            ("name", "Fundacja Las"),
            ("krs", "0000654321"),
            ("nip", "526-025-02-74"),
            ("admin_email", "szefowa@example.pl"),
        ];
        assert_eq!(app.post_form("/admin/organisations", &fields, Some(&admin)).await.status(), 303);
        assert_eq!(app.post_form("/admin/organisations", &fields, Some(&admin)).await.status(), 409, "KRS taken");
        let (org,): (i64,) = sqlx::query_as("select id from organisations where krs = '0000654321'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();

        let boss = app.sign_in("szefowa@example.pl", PASSWORD).await;
        let members = format!("/account/organisations/{org}/members");
        assert_eq!(app.post_form(&members, &[("email", "nikt@example.pl")], Some(&boss)).await.status(), 422);
        assert_eq!(app.post_form(&members, &[("email", "czlonek@example.pl")], Some(&boss)).await.status(), 303);
        let member = app.sign_in("czlonek@example.pl", PASSWORD).await;
        let (status, page) = app.get_with(&format!("/account/organisations/{org}"), &member).await;
        assert_eq!(status, 200);
        assert!(page.contains("Członek") && !page.contains("/members\""), "members see the list but no form");
        assert_eq!(app.post_form(&members, &[("email", "root@example.pl")], Some(&member)).await.status(), 403);
        app.cleanup().await;
    }
}
