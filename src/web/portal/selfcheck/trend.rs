//! The trends: one small SVG chart per item over 2 weeks, 3 months or 6 months, drawn on
//! the server (no JavaScript). A missed day is a gap in the line. Each chart is an image
//! with a title and a description that states the trend in words, and its numbers are in
//! a table under a `<details>`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::Date;

use crate::clock;
use crate::db::Db;
use crate::domain::consent::Category;
use crate::domain::selfcheck::{Range, Score, Series, one_decimal};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store::{self, selfcheck::ScoreRow};
use crate::web::access::{ClientSelf, EmployerClient};
use crate::web::ctx::{Ctx, Page};

use super::{ItemView, short_date};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RangeQuery {
    pub range: Option<String>,
    pub sent: Option<String>,
    pub edit: Option<String>,
}

/// The chart's drawing area (SVG user units).
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 96.0;
const LEFT: f64 = 22.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 8.0;

/// One item's chart.
pub struct Chart {
    /// Unique within the page (`c12`): the ids of the title and the description.
    pub id: String,
    pub title: String,
    /// The item's name as HTML with ふりがな (the caption on the client's pages).
    pub caption_html: String,
    /// The trend in words.
    pub desc: String,
    /// Horizontal lines at each score: (y, score).
    pub grid: Vec<(String, u8)>,
    /// The `points` of each run of consecutive days with a score.
    pub lines: Vec<String>,
    /// Each scored day: (x, y).
    pub dots: Vec<(String, String)>,
    pub dot_radius: &'static str,
    /// The numbers: (day, score with its label), oldest first.
    pub rows: Vec<(String, String)>,
    pub answered: usize,
}

pub const VIEW_BOX: &str = "0 0 320 96";

fn x_of(i: usize, len: usize) -> f64 {
    let span = (len.max(2) - 1) as f64;
    LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / span
}

fn y_of(score: u8) -> f64 {
    let h = HEIGHT - TOP - BOTTOM;
    TOP + h * f64::from(Score::MAX - score) / f64::from(Score::MAX - Score::MIN)
}

fn coord(v: f64) -> String {
    format!("{v:.1}")
}

impl Chart {
    pub fn new(item: &ItemView, series: &Series, range: Range, lang: Lang) -> Chart {
        let len = series.scores.len();
        let mut lines = Vec::new();
        let mut current: Vec<String> = Vec::new();
        let mut dots = Vec::new();
        let mut rows = Vec::new();
        for (i, s) in series.scores.iter().enumerate() {
            match s {
                Some(score) => {
                    let (x, y) = (coord(x_of(i, len)), coord(y_of(*score)));
                    current.push(format!("{x},{y}"));
                    dots.push((x, y));
                    let label = Score::new(i64::from(*score))
                        .map(|s| lang.t(s.label_key()))
                        .unwrap_or_default();
                    rows.push((
                        short_date(series.day(i)),
                        format!("{score} {}", crate::web::ruby::plain(label)),
                    ));
                }
                None => {
                    if current.len() > 1 {
                        lines.push(current.join(" "));
                    }
                    current.clear();
                }
            }
        }
        if current.len() > 1 {
            lines.push(current.join(" "));
        }
        let grid = Score::ALL
            .iter()
            .map(|s| (coord(y_of(s.value())), s.value()))
            .collect();
        Chart {
            id: format!("c{}", item.id),
            title: item.label.clone(),
            caption_html: item.label_html.clone(),
            desc: describe(series, range, lang),
            grid,
            lines,
            dots,
            dot_radius: if len > 31 { "1.6" } else { "3" },
            rows,
            answered: series.answered(),
        }
    }
}

/// The trend in words: how many days have a score, the average, which way it went, the
/// last score. (`selfcheck.desc.*`, with `{n}` style slots.)
pub fn describe(series: &Series, range: Range, lang: Lang) -> String {
    let sum = series.summary();
    let range_name = lang.t(range.label_key());
    let mut out = lang
        .t("selfcheck.desc.answered")
        .replace("{range}", range_name)
        .replace("{days}", &sum.days.to_string())
        .replace("{answered}", &sum.answered.to_string());
    if let Some(avg) = sum.average {
        out.push_str(
            &lang
                .t("selfcheck.desc.average")
                .replace("{avg}", &one_decimal(avg)),
        );
        out.push_str(lang.t(sum.direction.label_key()));
    }
    if let Some((day, score)) = sum.latest {
        out.push_str(
            &lang
                .t("selfcheck.desc.latest")
                .replace("{day}", &short_date(day))
                .replace("{score}", &score.to_string()),
        );
    }
    // Plain text: the title and description of an image, and a paragraph.
    crate::web::ruby::plain(&out)
}

/// The charts of the client's items over `range` ending `today`: the active items, and the
/// removed ones that have a score in the range.
pub async fn charts(
    db: &Db,
    client_id: i64,
    range: Range,
    today: Date,
    lang: Lang,
) -> AppResult<Vec<Chart>> {
    let first = range.first_day(today);
    let scores = store::selfcheck::scores_between(db, client_id, first, today).await?;
    let items = store::selfcheck::list_items(db, client_id).await?;
    Ok(items
        .iter()
        .filter_map(|row| {
            let points = points_of(&scores, row.id);
            if !row.is_active() && points.is_empty() {
                return None;
            }
            let item = ItemView::of(row, lang);
            let series = Series::of(first, today, &points);
            Some(Chart::new(&item, &series, range, lang))
        })
        .collect())
}

fn points_of(scores: &[ScoreRow], item_id: i64) -> Vec<(Date, u8)> {
    scores
        .iter()
        .filter(|s| s.item_id == item_id)
        .filter_map(|s| u8::try_from(s.score).ok().map(|v| (s.day, v)))
        .collect()
}

/// The range links: (code, label key, is the current one).
pub fn range_links(current: Range) -> Vec<(&'static str, &'static str, bool)> {
    Range::ALL
        .into_iter()
        .map(|r| (r.code(), r.label_key(), r == current))
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/selfcheck/trend.html")]
struct ClientTrendPage {
    page: Page,
    charts: Vec<Chart>,
    ranges: Vec<(&'static str, &'static str, bool)>,
    base: String,
    /// Where the link at the bottom goes back to.
    back: String,
    view_box: &'static str,
    /// Messages with ふりがな (the portal's pages) or plain (staff pages) in the shared parts.
    ruby: bool,
    /// The employer's view names the client and shows no link to the client's own pages.
    client_name: Option<String>,
}

/// `GET /me/check/trend`: the client's own trends.
pub async fn client_trend(
    ctx: Ctx,
    ClientSelf(me): ClientSelf,
    Query(q): Query<RangeQuery>,
) -> AppResult<Response> {
    let range = Range::parse(q.range.as_deref());
    let charts = charts(&ctx.app.db, me.client_id, range, clock::today(), ctx.lang).await?;
    let page = ctx.form_page("selfcheck.trend.title").await?;
    Ok(ClientTrendPage {
        page,
        charts,
        ranges: range_links(range),
        base: "/me/check/trend".to_string(),
        back: "/me/check".to_string(),
        view_box: VIEW_BOX,
        ruby: true,
        client_name: None,
    }
    .into_response())
}

/// `GET /employer/clients/{id}/selfcheck`: the scores' trends only (never the comments),
/// with the client's Health consent naming the contact (403 without it).
pub async fn employer_trend(
    ctx: Ctx,
    access: EmployerClient,
    Query(q): Query<RangeQuery>,
) -> AppResult<Response> {
    access.require(Category::Health)?;
    let range = Range::parse(q.range.as_deref());
    let client = &access.client;
    let charts = charts(&ctx.app.db, client.id, range, clock::today(), ctx.lang).await?;
    let page = ctx.form_page("selfcheck.employer.title").await?;
    Ok(ClientTrendPage {
        page,
        charts,
        ranges: range_links(range),
        base: format!("/employer/clients/{}/selfcheck", client.id),
        back: format!("/employer/clients/{}", client.id),
        view_box: VIEW_BOX,
        ruby: true,
        client_name: Some(client.name.clone()),
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn item() -> ItemView {
        ItemView {
            id: 7,
            code: Some("sleep".into()),
            label_html: "睡眠".into(),
            label: "睡眠".into(),
            question_html: String::new(),
            active: true,
        }
    }

    #[test]
    fn a_missed_day_breaks_the_line() {
        let first = date!(2026 - 11 - 18);
        let points = [
            (date!(2026 - 11 - 18), 4),
            (date!(2026 - 11 - 19), 3),
            (date!(2026 - 11 - 21), 2),
            (date!(2026 - 11 - 22), 2),
            (date!(2026 - 11 - 24), 1),
        ];
        let series = Series::of(first, date!(2026 - 12 - 01), &points);
        let chart = Chart::new(&item(), &series, Range::TwoWeeks, Lang::Ja);
        assert_eq!(chart.lines.len(), 2, "two runs; the lone day is a dot");
        assert_eq!(chart.dots.len(), 5);
        assert_eq!(chart.lines[0], "22.0,8.0 44.3,34.7");
        assert_eq!(chart.rows[0].0, "11/18");
        assert!(chart.rows[0].1.starts_with("4 "));
        assert!(chart.desc.contains("5"), "{}", chart.desc);
        assert_eq!(chart.id, "c7");
    }

    #[test]
    fn the_words_state_the_trend() {
        let first = date!(2026 - 11 - 18);
        let points = [
            (date!(2026 - 11 - 18), 4),
            (date!(2026 - 11 - 19), 4),
            (date!(2026 - 11 - 30), 2),
            (date!(2026 - 12 - 01), 1),
        ];
        let series = Series::of(first, date!(2026 - 12 - 01), &points);
        let en = describe(&series, Range::TwoWeeks, Lang::En);
        assert!(en.contains("4 of 14 days"), "{en}");
        assert!(en.contains("2.8"), "{en}");
        assert!(en.contains("going down"), "{en}");
        assert!(en.contains("12/1: 1"), "{en}");
    }
}
