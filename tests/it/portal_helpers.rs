//! Fixtures for the portal's tests: a client account or an employer contact made directly
//! in the database, and a browser signed in as them. The invitation and sign-in flow that
//! makes these for real is tested on its own (`portal_accounts`); these let the tests of
//! the self-check, the notebook and the reports start from a signed-in person.

use std::sync::Arc;

use reqwest::{cookie::Jar, redirect::Policy};
use teichaku::{
    clock,
    store::{self, portal::Owner, sessions::Kind},
    web::session::{COOKIE, hash_token, random_token},
};

use crate::helpers::TestApp;

impl TestApp {
    /// An active portal account for the client (sign-in ID `c<client_id>`, no passphrase);
    /// returns the account id.
    pub async fn client_account(&self, client_id: i64, staff_id: i64) -> i64 {
        let db = &self.state.db;
        let now = clock::now();
        let mut tx = db.begin().await.expect("tx");
        let id = store::portal::create_client_account(
            &mut tx,
            client_id,
            &format!("c{client_id}-test"),
            "",
            staff_id,
            now,
        )
        .await
        .expect("account");
        store::portal::activate(&mut tx, Owner::Client(id), "x", now)
            .await
            .expect("activate");
        tx.commit().await.expect("commit");
        id
    }

    /// An active employer contact linked to the client under `recipient_name` (the name the
    /// client's consents use); returns the contact id. The contact sees nothing until a
    /// consent naming `recipient_name` is recorded.
    pub async fn employer_contact(
        &self,
        client_id: i64,
        recipient_name: &str,
        staff_id: i64,
    ) -> i64 {
        let db = &self.state.db;
        let now = clock::now();
        let org = store::organizations::find(db)
            .await
            .expect("organisation")
            .expect("set up")
            .id;
        let login = format!("e{client_id}-{}", crate::helpers::random_suffix());
        let mut tx = db.begin().await.expect("tx");
        let id = store::portal::create_contact(
            &mut tx,
            &store::portal::NewContact {
                organization_id: org,
                login: &login,
                name: recipient_name,
                employer_name: "株式会社テスト商事",
                email: "",
                created_by: staff_id,
            },
            now,
        )
        .await
        .expect("contact");
        store::portal::activate(&mut tx, Owner::Employer(id), "x", now)
            .await
            .expect("activate");
        store::portal::link(&mut tx, id, client_id, None, recipient_name, staff_id, now)
            .await
            .expect("link");
        tx.commit().await.expect("commit");
        id
    }

    /// Another browser, signed in to the portal as the account (a session row made directly).
    pub async fn portal_browser(&self, owner: Owner) -> TestApp {
        let token = random_token();
        let now = clock::now();
        store::sessions::insert(
            &self.state.db,
            &hash_token(&token),
            Kind::Portal(owner),
            &random_token(),
            now,
            now + time::Duration::hours(1),
        )
        .await
        .expect("session");
        let jar = Jar::default();
        let url: reqwest::Url = self.url("/").parse().expect("url");
        jar.add_cookie_str(&format!("{COOKIE}={token}; Path=/"), &url);
        let mut other = self.another_browser();
        other.client = reqwest::Client::builder()
            .cookie_provider(Arc::new(jar))
            .redirect(Policy::none())
            .build()
            .expect("client");
        other
    }

    /// A browser signed in as the client (an active account made for them first).
    pub async fn as_client(&self, client_id: i64, staff_id: i64) -> TestApp {
        let account = self.client_account(client_id, staff_id).await;
        self.portal_browser(Owner::Client(account)).await
    }

    /// A browser signed in as an employer contact linked to the client.
    pub async fn as_employer(
        &self,
        client_id: i64,
        recipient_name: &str,
        staff_id: i64,
    ) -> TestApp {
        let contact = self
            .employer_contact(client_id, recipient_name, staff_id)
            .await;
        self.portal_browser(Owner::Employer(contact)).await
    }

    /// Records, as staff (this browser), a consent of the client naming the employer
    /// contact `name` for `categories` (codes), valid from today; returns its id.
    pub async fn consent_for_employer(
        &self,
        client_id: i64,
        name: &str,
        categories: &[&str],
    ) -> i64 {
        let path = format!("/clients/{client_id}/consents");
        let today = clock::today().to_string();
        let mut form = vec![
            ("consent_recipient", "employer"),
            ("consent_recipient_name", name),
            ("consent_valid_from", today.as_str()),
        ];
        for c in categories {
            form.push(("consent_categories", c));
        }
        let page = self.submit(&path, &path, &form).await;
        assert_eq!(
            page.status,
            reqwest::StatusCode::SEE_OTHER,
            "consent: {}",
            page.body
        );
        store::consents::list_for_client(&self.state.db, client_id)
            .await
            .expect("consents")
            .last()
            .expect("the consent")
            .id
    }

    /// Withdraws the consent, as staff (this browser).
    pub async fn withdraw_consent(&self, client_id: i64, consent_id: i64) {
        let path = format!("/clients/{client_id}/consents");
        let page = self
            .submit(
                &path,
                &format!("/clients/{client_id}/consents/{consent_id}/withdraw"),
                &[("withdraw_note", "本人の希望")],
            )
            .await;
        assert_eq!(
            page.status,
            reqwest::StatusCode::SEE_OTHER,
            "withdraw: {}",
            page.body
        );
    }
}
