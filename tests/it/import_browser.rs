//! Issue 15's "Done when", in Chromium with axe-core: a manager imports an .xlsx of 30
//! clients with 3 bad rows, sees the messages by row and column, imports the 27, fixes the
//! file and imports it again (3 new, 0 duplicates), once more (nothing new), exports one
//! client's whole record, and the office's export restores into a fresh database with the
//! same rows (the engine of the run; `tests/it/export.rs` also restores SQLite into it).
use std::time::Duration;

use base64::Engine as _;
use teichaku::export::scope::Scope;
use thirtyfour::prelude::*;

use crate::browser::{DESKTOP, check_page, resize, start_browser, wait_for};
use crate::export::{round_trip, rows_of};
use crate::helpers::{PASSWORD, random_suffix, spawn_app};
use crate::import_files::{thirty_clients, xlsx};

async fn number(driver: &WebDriver, id: &str) -> usize {
    let text = wait_for(driver, By::Id(id))
        .await
        .text()
        .await
        .unwrap_or_default();
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("{id}: {text}"))
}

/// Chooses the file and uploads it; waits for the preview.
async fn upload(driver: &WebDriver, base: &str, office: i64, file: &std::path::Path) {
    driver
        .goto(format!("{base}/offices/{office}/import"))
        .await
        .unwrap();
    wait_for(driver, By::Id("f-file"))
        .await
        .send_keys(file.display().to_string())
        .await
        .expect("choose the file");
    wait_for(driver, By::Id("upload"))
        .await
        .click()
        .await
        .expect("upload");
    wait_for(driver, By::Id("count-new")).await;
}

async fn run_import(driver: &WebDriver) {
    wait_for(driver, By::Id("run-import"))
        .await
        .click()
        .await
        .expect("import");
    wait_for(driver, By::Id("import-done")).await;
}

#[tokio::test]
async fn import_thirty_clients_fix_reimport_and_export_in_chromium() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    let office = app.create_office("取込").await;
    app.create_staff("browser.mgr", office, "manager").await;
    let dir = std::env::temp_dir().join(format!("teichaku-import-{}", random_suffix()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("clients.xlsx");
    std::fs::write(&bad, xlsx(&thirty_clients(true))).expect("write");
    let fixed = dir.join("clients-fixed.xlsx");
    std::fs::write(&fixed, xlsx(&thirty_clients(false))).expect("write");

    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(&driver, By::Id("f-login"))
        .await
        .send_keys("browser.mgr")
        .await
        .unwrap();
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    // From the client list, as a manager finds it.
    driver
        .goto(format!("{base}/offices/{office}/clients"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("import-clients"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-file")).await;
    check_page(&driver, "import-upload").await;

    upload(&driver, &base, office, &bad).await;
    assert_eq!(number(&driver, "count-new").await, 27);
    assert_eq!(number(&driver, "count-invalid").await, 3);
    let row = wait_for(&driver, By::Id("row-6"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        row.contains("列 N (市町村番号)") && row.contains("検査数字"),
        "{row}"
    );
    let row = wait_for(&driver, By::Id("row-13"))
        .await
        .text()
        .await
        .unwrap();
    assert!(row.contains("上の行にもあります"), "{row}");
    let row = wait_for(&driver, By::Id("row-21"))
        .await
        .text()
        .await
        .unwrap();
    assert!(row.contains("生年月日"), "{row}");
    check_page(&driver, "import-preview").await;
    driver
        .execute(
            "document.getElementById('preview').scrollIntoView();",
            Vec::new(),
        )
        .await
        .expect("scroll");
    check_page(&driver, "import-preview-rows").await;
    run_import(&driver).await;
    assert_eq!(app.count("clients").await, 27);
    check_page(&driver, "import-done").await;

    upload(&driver, &base, office, &fixed).await;
    assert_eq!(number(&driver, "count-new").await, 3);
    assert_eq!(number(&driver, "count-exists").await, 27);
    assert_eq!(number(&driver, "count-invalid").await, 0);
    run_import(&driver).await;
    assert_eq!(app.count("clients").await, 30);

    upload(&driver, &base, office, &fixed).await;
    assert_eq!(number(&driver, "count-new").await, 0);
    assert_eq!(number(&driver, "count-exists").await, 30);
    let disabled = wait_for(&driver, By::Id("run-import"))
        .await
        .attr("disabled")
        .await
        .unwrap();
    assert!(disabled.is_some(), "nothing to import");
    wait_for(&driver, By::Id("import-none"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("f-file")).await;
    assert_eq!(app.count("clients").await, 30, "0 duplicates");
    assert_eq!(app.count("certificates").await, 30);

    // One client's whole record, from the client page.
    let client: i64 = teichaku::on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT id FROM clients ORDER BY id LIMIT 1").fetch_one(pool).await)
    .expect("client");
    driver
        .goto(format!("{base}/clients/{client}"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("nav-record-export"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("purpose-disclosure"))
        .await
        .click()
        .await
        .unwrap();
    check_page(&driver, "record-export").await;
    // The download itself, fetched in the browser's session (a headless download has no
    // place to land).
    let script = format!(
        "const done = arguments[arguments.length - 1];
         fetch('/clients/{client}/record-export?purpose=disclosure')
           .then(async r => {{ const b = new Uint8Array(await r.arrayBuffer());
              let s = ''; for (const x of b) s += String.fromCharCode(x);
              done([String(r.status), r.headers.get('content-type'), btoa(s)]); }})
           .catch(e => done(['failed', String(e), '']));"
    );
    let got: Vec<String> = driver
        .execute_async(&script, Vec::new())
        .await
        .expect("fetch")
        .convert()
        .expect("strings");
    assert_eq!(got[0], "200", "{got:?}");
    assert_eq!(got[1], "application/zip");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&got[2])
        .expect("base64");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut html = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("record.html").expect("html"), &mut html)
        .expect("read");
    assert!(html.contains("取込 利用者1"), "the client's record");
    assert!(zip.by_name("csv/certificates.csv").is_ok());
    assert_eq!(app.audit_rows("client.record_export").await.len(), 1);

    // The follow-up pages (item 5), with a follow-up recorded by keyboard and form.
    driver
        .goto(format!("{base}/clients/{client}/followups"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("working-same"))
        .await
        .click()
        .await
        .unwrap();
    check_page(&driver, "followup-client").await;
    wait_for(&driver, By::Id("save-followup"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("followups")).await;
    driver
        .goto(format!("{base}/offices/{office}/followups"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("figure")).await;
    check_page(&driver, "followup-office").await;

    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
    tokio::time::sleep(Duration::from_millis(10)).await;

    // The office's export restores into a fresh database with the same rows.
    let files = round_trip(&app.state.db, Scope::Office(office)).await;
    assert_eq!(rows_of(&files, "clients"), 30);
    assert_eq!(rows_of(&files, "certificates"), 30);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A whole-page screenshot at phone width (a tall window), when TEICHAKU_SCREENSHOTS is set.
async fn full_shot(driver: &WebDriver, name: &str) {
    if let Ok(dir) = std::env::var("TEICHAKU_SCREENSHOTS") {
        resize(driver, (390, 2600)).await;
        let _ = driver
            .screenshot(&std::path::Path::new(&dir).join(format!("{name}-390-full.png")))
            .await;
        resize(driver, DESKTOP).await;
    }
}

/// Issue 15, item 4 in Chromium: the supporter's hand-over page (a memo typed and the
/// employer contact chosen, by the form), the A4 page, and the employer contact's page
/// under consent; axe at 390 and 1280 px on each.
#[tokio::test]
async fn the_handover_package_in_chromium() {
    use teichaku::store::{self, portal::Owner, sessions::Kind};
    use teichaku::web::session::{COOKIE, hash_token, random_token};

    let app = spawn_app().await;
    let (_, sato, client) = app.office_with_client().await;
    let hire = teichaku::domain::rules::period::add_months(teichaku::clock::today(), -40);
    crate::handover::add_employment(&app, client, &hire.to_string()).await;
    crate::handover::record_contact(&app, client, sato).await;
    crate::handover::resolve_sleep(&app, client).await;
    let contact = app.employer_contact(client, "物流 課長", sato).await;
    app.consent_for_employer(client, "物流 課長", &["work_status", "handover"])
        .await;

    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    driver.goto(format!("{base}/login")).await.unwrap();
    wait_for(&driver, By::Id("f-login"))
        .await
        .send_keys("sato")
        .await
        .unwrap();
    let pw = wait_for(&driver, By::Id("f-password")).await;
    pw.send_keys(PASSWORD).await.unwrap();
    pw.send_keys(Key::Enter).await.unwrap();
    wait_for(&driver, By::Id("welcome")).await;

    // From the client page, as a supporter finds it.
    driver
        .goto(format!("{base}/clients/{client}"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("nav-handover"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("troubles")).await;
    check_page(&driver, "handover-staff").await;
    wait_for(&driver, By::Id("f-handover_memo"))
        .await
        .send_keys("午前中は集中しやすいので、大事な作業は午前に。")
        .await
        .unwrap();
    wait_for(
        &driver,
        By::Css(format!("#f-handover_recipient option[value='{contact}']")),
    )
    .await
    .click()
    .await
    .expect("choose the recipient");
    wait_for(&driver, By::Id("save-handover"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Css(".notice")).await;
    let state = wait_for(&driver, By::Id("recipient-state"))
        .await
        .text()
        .await
        .unwrap();
    assert!(state.contains("ポータルで見られます"), "{state}");
    check_page(&driver, "handover-staff-saved").await;
    full_shot(&driver, "handover-staff-saved").await;
    driver
        .goto(format!("{base}/clients/{client}/handover/print"))
        .await
        .unwrap();
    wait_for(&driver, By::Css(".handover-sheet")).await;
    check_page(&driver, "handover-print").await;

    // The employer contact (a portal session made directly: the invitation is tested in
    // portal_browser.rs).
    let token = random_token();
    let now = teichaku::clock::now();
    store::sessions::insert(
        &app.state.db,
        &hash_token(&token),
        Kind::Portal(Owner::Employer(contact)),
        &random_token(),
        now,
        now + time::Duration::hours(1),
    )
    .await
    .expect("session");
    driver.delete_all_cookies().await.unwrap();
    driver.goto(format!("{base}/portal/login")).await.unwrap();
    driver
        .add_cookie(thirtyfour::Cookie::new(COOKIE, token))
        .await
        .expect("cookie");
    driver
        .goto(format!("{base}/employer/clients/{client}"))
        .await
        .unwrap();
    wait_for(&driver, By::Id("go-handover"))
        .await
        .click()
        .await
        .unwrap();
    wait_for(&driver, By::Id("memo")).await;
    let page = driver.source().await.unwrap_or_default();
    assert!(page.contains("就寝時刻を記録して面談で一緒に見る"));
    check_page(&driver, "handover-employer").await;
    full_shot(&driver, "handover-employer").await;

    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
