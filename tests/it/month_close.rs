//! The month close (issue 12): from the 1st to the 10th the staff home and the month view
//! lead with last month's unfinished records; the demo closes a month end to end.
use reqwest::StatusCode;

use crate::helpers::{TestApp, spawn_app_with};

/// The app running from `day`, with the demo loaded; returns the demo's password.
pub async fn demo_on(day: &str) -> (TestApp, String) {
    let day = day.to_string();
    let app = spawn_app_with(|c| c.today = day).await;
    let info = teichaku::demo::seed(&app.state.db, teichaku::clock::now())
        .await
        .expect("demo")
        .expect("loaded");
    let password = info
        .lines()
        .find_map(|l| l.split_once("password: ").map(|(_, p)| p.trim().to_string()))
        .expect("password line");
    (app, password)
}

#[tokio::test]
async fn explore() {
    let (app, password) = demo_on("2027-02-01").await;
    let manager = app.another_browser();
    assert_eq!(manager.login("manager1", &password).await.status, StatusCode::SEE_OTHER);
    let page = manager.get("/offices/1/claims?month=2027-01").await;
    std::fs::write("/tmp/mc/claim.html", &page.body).unwrap();
    let home = manager.get("/").await;
    std::fs::write("/tmp/mc/home_manager.html", &home.body).unwrap();
    let s = app.another_browser();
    assert_eq!(s.login("supporter11", &password).await.status, StatusCode::SEE_OTHER);
    std::fs::write("/tmp/mc/home_supporter.html", &s.get("/").await.body).unwrap();
    std::fs::write("/tmp/mc/month.html", &s.get("/offices/1/month").await.body).unwrap();
}
