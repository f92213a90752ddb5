//! The administrator's first-day checklist on the home page (`domain::first_day`), rendered
//! by `templates/platform/_first_day.html`.

use crate::domain::first_day::{Step, checklist};
use crate::domain::staff::Principal;
use crate::error::AppResult;
use crate::store;
use crate::web::ctx::Ctx;

/// The steps for an administrator while any is left, else `None` (and for other staff).
pub async fn steps_for(ctx: &Ctx, me: &Principal) -> AppResult<Option<Vec<Step>>> {
    if !me.is_admin {
        return Ok(None);
    }
    let facts = store::organizations::first_day_facts(&ctx.app.db, me.organization_id).await?;
    Ok(checklist(&facts))
}
