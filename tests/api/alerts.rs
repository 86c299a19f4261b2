//! Saved searches and alert mails (issue 11): a jobseeker's own; new postings announced
//! once, in their public view, only to a confirmed address; one-click unsubscribe.

use keynet_tests::*;
use serde_json::{json, Value};

const HIDDEN_NAME: &str = "G-ALERT病院";
const HIDDEN_STREET: &str = "SENTINEL-ALERT-STREET";

/// The token of the link `path?token=` in the newest mail to `to` that has one.
async fn link_token(app: &TestApp, to: &str, path: &str) -> String {
    let mail = app.mail_to(to, path).await;
    let start = mail.find(path).expect("link") + path.len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(*c, '-' | '_' | '.'))
        .collect()
}

fn alert_mails(app: &TestApp, to: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {to}")) && m.contains("List-Unsubscribe:"))
        .collect()
}

/// Waits until `n` alert mails went to `to`; returns them.
async fn alerts(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let mails = alert_mails(app, to);
        if mails.len() >= n {
            return mails;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "{} alert mails to {to}, wanted {n}",
        alert_mails(app, to).len()
    )
}

async fn post_masked(app: &TestApp, facility: &Token, prefecture: &str, municipality: &str) -> i64 {
    let mut body = posting_body();
    body["mask_requested"] = json!(true);
    body["workplace"]["prefecture_code"] = json!(prefecture);
    body["workplace"]["municipality"] = json!(municipality);
    body["workplace"]["street_address"] = json!(HIDDEN_STREET);
    let (status, p) = json_of(app.post("/api/v1/postings", Some(facility), &body).await).await;
    assert_eq!(status, 201, "{p}");
    p["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_saved_search_announces_each_new_posting_once_to_a_confirmed_address() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    // The facility is named G-ALERT病院: its masked postings must never show it.
    let (facility, old) = app
        .facility_with_posting(&admin, "G-ALERT", posting_body())
        .await;
    let old = old["id"].as_i64().unwrap();

    let to = "alert-hanako@example.jp";
    let hanako = app.signup_jobseeker(to).await;
    let confirm = link_token(&app, to, "/confirm-email?token=").await;
    let (s, me) = json_of(app.get("/api/v1/auth/me", Some(&hanako)).await).await;
    assert_eq!((s.as_u16(), &me["email_confirmed"]), (200, &json!(false)));

    let (s, saved) = json_of(
        app.post(
            "/api/v1/saved-searches",
            Some(&hanako),
            &json!({"name": "東京の看護師", "query": "?occupation=nurse&prefecture=13&page=3&sort=wage_desc", "frequency": "instant"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{saved}");
    assert_eq!(
        saved["query"], "occupation=nurse&prefecture=13",
        "paging and order are dropped"
    );
    let id = saved["id"].as_i64().unwrap();

    let p1 = post_masked(&app, &facility, "13", "千代田区").await;
    let osaka = post_masked(&app, &facility, "27", "大阪市北区").await;
    // Not confirmed yet: the alert waits.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(
        alert_mails(&app, to).is_empty(),
        "an unconfirmed address was mailed"
    );

    let confirm_body = json!({"token": confirm});
    let res = app
        .post("/api/v1/auth/email-confirmation", None, &confirm_body)
        .await;
    assert_eq!(res.status(), 204);
    let (s, again) = json_of(
        app.post("/api/v1/auth/email-confirmation", None, &confirm_body)
            .await,
    )
    .await;
    assert_eq!(s, 422, "a confirmation link works once: {again}");
    let (_, me) = json_of(app.get("/api/v1/auth/me", Some(&hanako)).await).await;
    assert_eq!(me["email_confirmed"], json!(true));

    let mail = alerts(&app, to, 1).await.remove(0);
    assert!(mail.contains(&format!("/postings/{p1}")), "{mail}");
    assert!(
        !mail.contains(&format!("/postings/{old}")),
        "an older posting was announced"
    );
    assert!(
        !mail.contains(&format!("/postings/{osaka}")),
        "a posting the search does not find"
    );
    for hidden in [HIDDEN_NAME, HIDDEN_STREET] {
        assert!(
            !mail.contains(hidden),
            "alert mail carries withheld {hidden}"
        );
    }
    assert!(
        mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{mail}"
    );
    let header = mail
        .lines()
        .find(|l| l.starts_with("List-Unsubscribe: <"))
        .expect("List-Unsubscribe header");
    let post_url = header
        .trim_start_matches("List-Unsubscribe: <")
        .trim_end_matches('>');
    let path = post_url
        .strip_prefix("http://keynet.test")
        .expect("a link to the service");
    assert!(
        path.starts_with("/api/v1/alerts/unsubscribe?token="),
        "{path}"
    );

    // Edited, it is not news again; a new matching posting is, alone.
    let mut edit = posting_body();
    edit["mask_requested"] = json!(true);
    edit["workplace"]["street_address"] = json!(HIDDEN_STREET);
    edit["wage"]["amount_yen"] = json!(2600);
    let (_, current) = json_of(
        app.get(&format!("/api/v1/postings/{p1}"), Some(&facility))
            .await,
    )
    .await;
    edit["version"] = current["version"].clone();
    let res = app
        .put(&format!("/api/v1/postings/{p1}"), Some(&facility), &edit)
        .await;
    assert_eq!(res.status(), 200);
    let p3 = post_masked(&app, &facility, "13", "新宿区").await;
    let mails = alerts(&app, to, 2).await;
    let second = mails
        .iter()
        .find(|m| m.contains(&format!("/postings/{p3}")))
        .expect("the second alert");
    assert!(
        !second.contains(&format!("/postings/{p1}")),
        "announced twice"
    );

    // Theirs alone.
    let taro = app.signup_jobseeker("alert-taro@example.jp").await;
    let res = app
        .delete(&format!("/api/v1/saved-searches/{id}"), Some(&taro))
        .await;
    assert_eq!(res.status(), 404);
    let (_, list) = json_of(app.get("/api/v1/saved-searches", Some(&taro)).await).await;
    assert_eq!(list["items"], json!([]));
    let res = app.get("/api/v1/saved-searches", Some(&facility)).await;
    assert_eq!(res.status(), 403);
    let res = app.get("/api/v1/saved-searches", None).await;
    assert_eq!(res.status(), 401);

    // One click, as a mail client sends it (RFC 8058), twice: harmless.
    for _ in 0..2 {
        let res = app
            .req(reqwest::Method::POST, path, None)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let (_, list) = json_of(app.get("/api/v1/saved-searches", Some(&hanako)).await).await;
    assert_eq!(list["items"], json!([]), "unsubscribed, yet still saved");
    let forged = path.replace("token=", "token=x");
    let res = app
        .req(reqwest::Method::POST, &forged, None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let p4 = post_masked(&app, &facility, "13", "港区").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(
        !alert_mails(&app, to)
            .iter()
            .any(|m| m.contains(&format!("/postings/{p4}"))),
        "mailed after unsubscribing"
    );
}

#[tokio::test]
async fn saved_searches_refuse_what_the_search_refuses_and_are_capped() {
    let app = TestApp::spawn().await;
    let nurse = app.signup_jobseeker("saver@example.jp").await;
    let save = |body: Value| {
        let app = &app;
        let nurse = nurse.clone();
        async move {
            json_of(
                app.post("/api/v1/saved-searches", Some(&nurse), &body)
                    .await,
            )
            .await
        }
    };
    let (s, e) =
        save(json!({"name": "x", "query": "occupation=astronaut", "frequency": "daily"})).await;
    assert_eq!(s, 422);
    assert_eq!(error_fields(&e), vec!["query.occupation"]);
    let (s, e) = save(json!({"name": " ", "query": "", "frequency": "daily"})).await;
    assert_eq!(s, 422);
    assert_eq!(error_fields(&e), vec!["name"]);
    let (s, _) = save(json!({"name": "x", "query": "", "frequency": "weekly"})).await;
    assert_eq!(s, 400);
    for i in 0..20 {
        let (s, e) = save(
            json!({"name": format!("条件{i}"), "query": "prefecture=01", "frequency": "daily"}),
        )
        .await;
        assert_eq!(s, 201, "{e}");
    }
    let (s, e) = save(json!({"name": "21", "query": "", "frequency": "daily"})).await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(e["error"]["code"], "saved_search_limit");
    let (_, list) = json_of(app.get("/api/v1/saved-searches", Some(&nurse)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 20);
    assert_eq!(list["email_confirmed"], json!(false));
}

/// Every token of a `path?token=` link in mail so far, oldest mail first or not.
fn tokens_in_mails(app: &TestApp, path: &str) -> Vec<String> {
    app.mails()
        .iter()
        .filter_map(|m| {
            let start = m.find(path)? + path.len();
            Some(
                m[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(*c, '-' | '_'))
                    .collect(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_new_confirmation_link_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    let to = "resend@example.jp";
    let nurse = app.signup_jobseeker(to).await;
    let first = link_token(&app, to, "/confirm-email?token=").await;
    let resend = || async {
        app.req(
            reqwest::Method::POST,
            "/api/v1/auth/email-confirmation/resend",
            Some(&nurse),
        )
        .send()
        .await
        .unwrap()
        .status()
    };
    let confirm = |token: String| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/auth/email-confirmation",
                None,
                &json!({ "token": token }),
            )
            .await
            .status()
        }
    };
    assert_eq!(resend().await, 202);
    let mut second = None;
    for _ in 0..200 {
        second = tokens_in_mails(&app, "/confirm-email?token=")
            .into_iter()
            .find(|t| *t != first);
        if second.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let second = second.expect("no second link");
    assert_eq!(confirm(first).await, 422, "the older link still works");
    assert_eq!(confirm(second).await, 204);
    assert_eq!(resend().await, 204, "confirmed already: no mail");
}
