//! The supporter's home page lines: for each client in their charge, the missed days and the
//! falling items (`domain::selfcheck::alerts`), each with its reason in words, never a
//! score alone, linking to the client's self-check page.

use std::collections::BTreeMap;

use time::{Date, Duration};

use crate::db::Db;
use crate::domain::selfcheck::{Alert, USUAL_WINDOW_DAYS, alerts, library_label_key, one_decimal};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::store;
use crate::web::ruby;

use super::short_date;

/// One client on the home page.
#[derive(Debug, Clone)]
pub struct WatchLine {
    pub client_id: i64,
    pub client_name: String,
    pub reasons: Vec<String>,
}

/// An item of a client as the rules read it: (item id, name, (day, score) points).
pub type ItemPoints = (i64, String, Vec<(Date, u8)>);

/// How far back the rules look: the missed-days window before a gap of a few days, or two
/// weeks of scores.
const LOOK_BACK_DAYS: i64 = USUAL_WINDOW_DAYS + 31;

/// The lines for the supporter `staff_id` on `today`.
pub async fn for_supporter(
    db: &Db,
    staff_id: i64,
    today: Date,
    lang: Lang,
) -> AppResult<Vec<WatchLine>> {
    let rows =
        store::selfcheck::watch_rows(db, staff_id, today - Duration::days(LOOK_BACK_DAYS)).await?;
    struct Facts {
        name: String,
        days: Vec<Date>,
        /// item id → (name, points), in the items' order of first appearance.
        items: Vec<ItemPoints>,
    }
    let mut clients: BTreeMap<i64, Facts> = BTreeMap::new();
    for r in rows {
        let f = clients.entry(r.client_id).or_insert_with(|| Facts {
            name: r.client_name.clone(),
            days: Vec::new(),
            items: Vec::new(),
        });
        if f.days.last() != Some(&r.day) {
            f.days.push(r.day);
        }
        let (Some(item_id), Some(score)) = (r.item_id, r.score) else {
            continue;
        };
        let Ok(score) = u8::try_from(score) else {
            continue;
        };
        let name = match &r.library_code {
            Some(code) => ruby::plain(lang.t(&library_label_key(code))),
            None => r.label.clone().unwrap_or_default(),
        };
        match f.items.iter_mut().find(|(id, _, _)| *id == item_id) {
            Some((_, _, points)) => points.push((r.day, score)),
            None => f.items.push((item_id, name, vec![(r.day, score)])),
        }
    }
    let mut out = Vec::new();
    for (client_id, f) in clients {
        let series: Vec<(i64, Vec<(Date, u8)>)> = f
            .items
            .iter()
            .map(|(id, _, points)| (*id, points.clone()))
            .collect();
        let reasons: Vec<String> = alerts(&f.days, &series, today)
            .iter()
            .map(|a| reason(a, &f.items, lang))
            .collect();
        if !reasons.is_empty() {
            out.push(WatchLine {
                client_id,
                client_name: f.name,
                reasons,
            });
        }
    }
    Ok(out)
}

/// The alert in words, e.g. "睡眠: 3日続けて 2 以下（前の週の平均 3.4）".
pub fn reason(alert: &Alert, items: &[ItemPoints], lang: Lang) -> String {
    let name_of = |id: i64| {
        items
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default()
    };
    match alert {
        Alert::Missed { days, last, usual } => lang
            .t("selfcheck.alert.missed")
            .replace("{days}", &days.to_string())
            .replace("{last}", &short_date(*last))
            .replace("{usual}", &usual.to_string()),
        Alert::LowRun {
            item_id,
            run,
            max,
            previous,
        } => lang
            .t("selfcheck.alert.low_run")
            .replace("{item}", &name_of(*item_id))
            .replace("{run}", &run.to_string())
            .replace("{max}", &max.to_string())
            .replace("{previous}", &one_decimal(*previous)),
        Alert::Drop {
            item_id,
            recent,
            previous,
        } => lang
            .t("selfcheck.alert.drop")
            .replace("{item}", &name_of(*item_id))
            .replace("{recent}", &one_decimal(*recent))
            .replace("{previous}", &one_decimal(*previous)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reasons_are_words_with_their_numbers() {
        let items = vec![(3, "睡眠".to_string(), Vec::new())];
        let low = Alert::LowRun {
            item_id: 3,
            run: 3,
            max: 2,
            previous: 3.4,
        };
        assert_eq!(
            reason(&low, &items, Lang::Ja),
            "睡眠: 3日続けて 2 以下（前の週の平均 3.4）"
        );
        let missed = Alert::Missed {
            days: 4,
            last: date!(2026 - 11 - 26),
            usual: 12,
        };
        let en = reason(&missed, &items, Lang::En);
        assert!(en.contains("4 days"), "{en}");
        assert!(en.contains("11/26"), "{en}");
        let drop = Alert::Drop {
            item_id: 3,
            recent: 2.25,
            previous: 3.5,
        };
        let ja = reason(&drop, &items, Lang::Ja);
        assert!(ja.starts_with("睡眠: "), "{ja}");
        assert!(ja.contains("3.5"), "{ja}");
    }
}
