-- Intake (issue 12, item 6): the person writing (相談者, often a parent) and the person who
-- needs support (ご本人) are told apart. `relationship` is the writer's 続柄 to ご本人
-- ('self' when they write for themself, '' when staff did not ask); `person_name` is ご本人's
-- name when someone else writes; the current employer and hire date let staff see when
-- 就労定着支援 can be used (domain::inquirer).
ALTER TABLE inquiries ADD COLUMN relationship TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN employer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN hire_date TEXT;

-- The 事務 role (issue 12, item 8): a clerk of an office does intake, 受給者証, contracts and
-- claims, not the content of support records (`domain::staff::Role::Clerk`). SQLite cannot
-- change a CHECK, so the table is rebuilt with the same rows.
CREATE TABLE staff_offices_new (
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    office_id  INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('manager', 'supporter', 'clerk')),
    PRIMARY KEY (staff_id, office_id)
);
INSERT INTO staff_offices_new (staff_id, office_id, role)
SELECT staff_id, office_id, role FROM staff_offices;
DROP TABLE staff_offices;
ALTER TABLE staff_offices_new RENAME TO staff_offices;
CREATE INDEX staff_offices_office ON staff_offices (office_id);
