//! The issuer block every printed A4 document shares (支援レポート, 就労定着支援計画, invoices
//! and receipts): 法人名, the office with its 事業所番号, address and phone, and the document's
//! month written as people write it on paper (`2026年11月`, or `令和8年11月` when the office
//! dates its documents in the era calendar, `domain::era`). Rendered by
//! `templates/_sheet_head.html`.

use time::Date;

use crate::db::Db;
use crate::domain::{era, month::YearMonth};
use crate::i18n::Lang;
use crate::store::{self, offices::Office};

pub struct SheetHead {
    pub organization: String,
    pub office_name: String,
    pub office_number: String,
    /// Prefecture and address on one line.
    pub address: String,
    pub phone: String,
    lang: Lang,
    era: bool,
}

impl SheetHead {
    pub async fn load(db: &Db, office: &Office, lang: Lang) -> Result<SheetHead, sqlx::Error> {
        let organization = store::organizations::find(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        Ok(SheetHead {
            organization,
            office_name: office.name.clone(),
            office_number: office.office_number.clone().unwrap_or_default(),
            address: format!("{}{}", office.prefecture, office.address),
            phone: office.phone.clone(),
            lang,
            era: office.era_dates,
        })
    }

    /// `2026年11月` / `令和8年11月`; `November 2026` in English.
    pub fn month(&self, month: YearMonth) -> String {
        match self.lang {
            Lang::Ja => era::month_text(month, self.era),
            Lang::En => format!("{} {}", month.month(), month.year()),
        }
    }

    /// `2026年12月1日` / `令和8年12月1日`; `2026-12-01` in English.
    pub fn date(&self, date: Date) -> String {
        match self.lang {
            Lang::Ja => era::date_text(date, self.era),
            Lang::En => date.to_string(),
        }
    }
}

/// The employer of the client's current job (the latest employment without an end date): a
/// document that goes to the employer carries a line for them.
pub async fn current_employer(db: &Db, client_id: i64) -> Result<Option<String>, sqlx::Error> {
    Ok(store::employments::list_for_client(db, client_id)
        .await?
        .into_iter()
        .rfind(|e| e.end_date.is_none())
        .map(|e| e.employer_name))
}
