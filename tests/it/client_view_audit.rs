//! Every page that shows a client's data writes exactly one `client.view` row (要配慮個人情報:
//! every access to a client's record is audited). The pages are not listed here: the test
//! reads the route table (`teichaku::web::route_table()`) and visits every GET route whose
//! declared policy is `ClientView` or `ClientEdit`, so a new client page is covered as soon as
//! it is routed. Runs on both engines.
use std::collections::HashMap;

use reqwest::StatusCode;
use teichaku::domain::month::YearMonth;
use teichaku::web::access::Policy;

use crate::helpers::{TestApp, spawn_app};

/// The client's records the pages show, made through the pages by the admin (`app`).
struct Fixture<'a> {
    app: &'a TestApp,
    client: i64,
    /// Ids already made, by path parameter (`certificates/{cid}` → "7").
    ids: HashMap<String, String>,
}

impl Fixture<'_> {
    /// The value for the path parameter `param` that follows the segment `collection` (`cid`
    /// after `certificates` is a certificate, after `consents` a consent), made on first use.
    async fn value(&mut self, collection: &str, param: &str) -> String {
        let key = format!("{collection}/{{{param}}}");
        if let Some(v) = self.ids.get(&key) {
            return v.clone();
        }
        let v = match key.as_str() {
            "clients/{id}" => self.client.to_string(),
            "employments/{eid}" => self.employment().await.to_string(),
            "certificates/{cid}" => self.certificate().await.to_string(),
            "consents/{cid}" => self.consent().await.to_string(),
            "plans/{pid}" => self.plan().await.to_string(),
            "contacts/{rid}" => self.contact().await.to_string(),
            "reports/{month}" => self.report().await,
            _ => panic!(
                "no fixture for the path parameter {key}: add a record for it to \
                 Fixture::value in tests/it/client_view_audit.rs"
            ),
        };
        self.ids.insert(key, v.clone());
        v
    }

    async fn last_id(&self, table: &str) -> i64 {
        let sql = format!("SELECT MAX(id) FROM {table} WHERE client_id = $1");
        let id: Option<i64> = teichaku::on_db!(&self.app.state.db, pool =>
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(self.client).fetch_one(pool).await)
        .expect("id");
        id.unwrap_or_else(|| panic!("no row in {table}"))
    }

    async fn submit(&self, form_page: &str, action: &str, form: &[(&str, &str)]) {
        let page = self
            .app
            .submit(
                &format!("/clients/{}/{form_page}", self.client),
                &format!("/clients/{}/{action}", self.client),
                form,
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{action}: {}",
            page.body
        );
    }

    async fn employment(&self) -> i64 {
        let hire = teichaku::domain::rules::period::add_months(teichaku::clock::today(), -12);
        self.submit(
            "employments/new",
            "employments",
            &[
                ("employer_name", "株式会社みどり物流"),
                ("workplace_address", "船橋市本町0-0"),
                ("supervisor_name", "物流 課長"),
                ("job_title", "倉庫内軽作業"),
                ("weekly_hours", "30"),
                ("ordinary_employment", "yes"),
                ("hire_date", &hire.to_string()),
            ],
        )
        .await;
        self.last_id("employments").await
    }

    /// A certificate with its first period.
    async fn certificate(&self) -> i64 {
        let today = teichaku::clock::today();
        let start = teichaku::domain::rules::period::add_months(today, -6);
        let end = teichaku::domain::rules::period::add_months(today, 6);
        self.submit(
            "certificates/new",
            "certificates",
            &[
                ("certificate_number", "0123456789"),
                ("municipality_code", "122044"),
                ("municipality_name", "船橋市"),
                ("income_category", "general1"),
                ("monthly_cap_yen", "9300"),
                ("period_start", &start.to_string()),
                ("period_end", &end.to_string()),
            ],
        )
        .await;
        self.last_id("certificates").await
    }

    async fn consent(&self) -> i64 {
        self.submit(
            "consents",
            "consents",
            &[
                ("consent_recipient", "employer"),
                ("consent_recipient_name", "物流 課長"),
                ("consent_categories", "reports"),
                ("consent_valid_from", &teichaku::clock::today().to_string()),
            ],
        )
        .await;
        self.last_id("consents").await
    }

    /// A support record (its history and its correction form).
    async fn contact(&self) -> i64 {
        self.submit(
            "contacts/new",
            "contacts",
            &[
                ("contact_date", &teichaku::clock::today().to_string()),
                ("contact_time", "10:00"),
                ("mode", "face_to_face"),
                ("participants", "client"),
                ("heard", "今月も休まず出勤できた。"),
            ],
        )
        .await;
        self.last_id("contacts").await
    }

    /// A draft plan (the edit form is shown only for a draft).
    async fn plan(&self) -> i64 {
        self.submit(
            "plans/new",
            "plans",
            &[
                ("plan_goals", "週5日、休まずに働き続ける"),
                (
                    "plan_support_content",
                    "月2回の面談で体調と仕事の様子を聞く",
                ),
                ("plan_contact_frequency", "月2回面談"),
                ("plan_employer_role", "困ったときの相談先を決める"),
                ("plan_start_on", &teichaku::clock::today().to_string()),
                ("plan_review_on", ""),
            ],
        )
        .await;
        self.last_id("support_plans").await
    }

    /// Last month's report, finalised (the print page shows only a final version).
    async fn report(&self) -> String {
        let month = YearMonth::of(teichaku::clock::today())
            .previous()
            .to_string();
        self.submit("reports", "reports", &[("report_month", &month)])
            .await;
        let path = format!("reports/{month}");
        self.submit(
            &path,
            &format!("{path}/finalise"),
            &[
                ("version", "1"),
                ("report_body", "今月も休まず出勤できた。"),
                ("confirm", "yes"),
            ],
        )
        .await;
        month
    }

    /// `route` with its parameters filled in.
    async fn fill(&mut self, route: &str) -> String {
        let mut path = String::new();
        let mut previous = "";
        for segment in route.split('/').skip(1) {
            path.push('/');
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(param) => path.push_str(&self.value(previous, param).await),
                None => path.push_str(segment),
            }
            previous = segment;
        }
        path
    }
}

/// The `client.view` rows of the log: (actor, client id).
async fn views(app: &TestApp) -> Vec<(String, String)> {
    app.audit_rows("client.view")
        .await
        .into_iter()
        .map(|(actor, target, _)| (actor, target))
        .collect()
}

#[tokio::test]
async fn every_client_page_writes_one_client_view() {
    let app = spawn_app().await;
    let (_, _, client) = app.office_with_client().await;
    // A supporter of the client's office reads the pages.
    let sato = app.signed_in_as("sato").await;
    let mut fixture = Fixture {
        app: &app,
        client,
        ids: HashMap::new(),
    };
    // The client's records, so that the pages have something to show.
    for (collection, param) in [
        ("employments", "eid"),
        ("certificates", "cid"),
        ("consents", "cid"),
        ("reports", "month"),
    ] {
        fixture.value(collection, param).await;
    }

    let mut routes: Vec<_> = teichaku::web::route_table()
        .into_iter()
        .filter(|r| r.method.as_str() == "GET")
        .filter(|r| {
            matches!(
                r.policy,
                Policy::ClientView
                    | Policy::ClientEdit
                    | Policy::ClientFile
                    | Policy::ClientFileEdit
            )
        })
        .collect();
    // Fewest parameters first: a record named by a parameter (the draft plan of `{pid}`) is
    // made when a route first names it, after the forms for a new one (the new-plan form
    // refuses while a plan is open).
    routes.sort_by_key(|r| r.path.matches('{').count());
    assert!(
        routes.len() >= 17,
        "the client pages are in the route table: {routes:?}"
    );

    for route in &routes {
        let path = fixture.fill(route.path).await;
        let before = views(&app).await.len();
        let page = sato.get(&path).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "GET {} ({path}): {}",
            route.path,
            page.body
        );
        let new = views(&app).await.split_off(before);
        assert_eq!(
            new,
            vec![("sato".to_string(), client.to_string())],
            "GET {} ({path}) writes exactly one client.view for the client",
            route.path
        );
    }
}
