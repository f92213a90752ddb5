//! Messages of the portal (本人・企業担当者). Messages a client reads are in plain Japanese
//! with ふりがな marks (`｜漢字《かんじ》`, see `web::ruby`).

pub mod accounts;
pub mod employer;
pub mod notebook;
pub mod reports;
pub mod selfcheck;
