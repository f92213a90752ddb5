-- Intake (issue 12, item 6): the person writing (相談者, often a parent) and the person who
-- needs support (ご本人) are told apart. `relationship` is the writer's 続柄 to ご本人
-- ('self' when they write for themself, '' when staff did not ask); `person_name` is ご本人's
-- name when someone else writes; the current employer and hire date let staff see when
-- 就労定着支援 can be used (domain::inquirer).
ALTER TABLE inquiries ADD COLUMN relationship TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN employer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN hire_date DATE;

-- The 事務 role (issue 12, item 8): a clerk of an office does intake, 受給者証, contracts and
-- claims, not the content of support records (`domain::staff::Role::Clerk`).
ALTER TABLE staff_offices DROP CONSTRAINT staff_offices_role_check;
ALTER TABLE staff_offices ADD CONSTRAINT staff_offices_role_check
    CHECK (role IN ('manager', 'supporter', 'clerk'));
