//! Uploads in the database: an upload is stored unattached (its uploader's alone),
//! attached to its parent with its text alternatives, listed with its files, removed.
//! Who may fetch a stored file is [`access`], asked on every request for it.

use super::{MediaFile, MediaItem, Parent};
use crate::db::Db;

/// A processed upload, before it is attached.
pub struct NewUpload<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub display_name: &'a str,
    pub bytes: i64,
    pub width: u32,
    pub height: u32,
    pub uploaded_by: i64,
    pub files: &'a [MediaFile],
}

pub async fn insert(db: &Db, upload: &NewUpload<'_>, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "insert into media (id, kind, display_name, bytes, width, height, uploaded_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(upload.id)
    .bind(upload.kind)
    .bind(upload.display_name)
    .bind(upload.bytes)
    .bind(i64::from(upload.width))
    .bind(i64::from(upload.height))
    .bind(upload.uploaded_by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for file in upload.files {
        sqlx::query(
            "insert into media_files (media_id, key, format, width, height, bytes) values ($1, $2, $3, $4, $5, $6) \
             on conflict do nothing",
        )
        .bind(upload.id)
        .bind(&file.key)
        .bind(&file.format)
        .bind(i64::from(file.width))
        .bind(i64::from(file.height))
        .bind(file.bytes)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

type ItemRow = (String, String, String, i64, Option<i64>, Option<i64>, String, String, String);
type FileRow = (String, String, String, Option<i64>, Option<i64>, i64);

const ITEM_COLUMNS: &str = "m.id, m.kind, m.display_name, m.bytes, m.width, m.height, m.alt_pl, m.alt_en, m.alt_uk";
const FILE_COLUMNS: &str = "f.media_id, f.key, f.format, f.width, f.height, f.bytes";

fn assemble(items: Vec<ItemRow>, files: Vec<FileRow>) -> Vec<MediaItem> {
    let size = |v: Option<i64>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
    items
        .into_iter()
        .map(|(id, kind, display_name, bytes, width, height, alt_pl, alt_en, alt_uk)| {
            let files = files
                .iter()
                .filter(|f| f.0 == id)
                .map(|(_, key, format, w, h, b)| MediaFile {
                    key: key.clone(),
                    format: format.clone(),
                    width: size(*w),
                    height: size(*h),
                    bytes: *b,
                })
                .collect();
            MediaItem {
                id,
                kind,
                display_name,
                bytes,
                width: size(width),
                height: size(height),
                alt_pl,
                alt_en,
                alt_uk,
                files,
            }
        })
        .collect()
}

/// The uploads `media m` with `rest` (joins and a where clause on `$1`, `$2`, bound to
/// `a` and `b`) selects, in `order`, each with its parent's id.
async fn load(db: &Db, rest: &str, order: &str, a: &str, b: i64) -> Result<Vec<(Option<i64>, MediaItem)>, sqlx::Error> {
    type Row = (Option<i64>, String, String, String, i64, Option<i64>, Option<i64>, String, String, String);
    let rows: Vec<Row> =
        sqlx::query_as(&format!("select m.parent_id, {ITEM_COLUMNS} from media m {rest} order by {order}"))
            .bind(a)
            .bind(b)
            .fetch_all(db)
            .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let files: Vec<FileRow> =
        sqlx::query_as(&format!("select {FILE_COLUMNS} from media_files f join media m on m.id = f.media_id {rest}"))
            .bind(a)
            .bind(b)
            .fetch_all(db)
            .await?;
    let parents: Vec<Option<i64>> = rows.iter().map(|r| r.0).collect();
    let items = rows.into_iter().map(|(_, a, b, c, d, e, f, g, h, i)| (a, b, c, d, e, f, g, h, i)).collect();
    Ok(parents.into_iter().zip(assemble(items, files)).collect())
}

/// What is attached to `parent`, pictures first, each group in the order added.
pub async fn list(db: &Db, parent: Parent) -> Result<Vec<MediaItem>, sqlx::Error> {
    let rest = "where m.parent_kind = $1 and m.parent_id = $2";
    let order = "case when m.kind = 'pdf' then 1 else 0 end, m.attached_at, m.id";
    Ok(load(db, rest, order, parent.kind(), parent.id()).await?.into_iter().map(|(_, item)| item).collect())
}

/// The letters' scans of a consultation's remarks, with their remark's id.
pub async fn scans_of_consultation(db: &Db, consultation_id: i64) -> Result<Vec<(i64, MediaItem)>, sqlx::Error> {
    let rest = "join remarks r on r.id = m.parent_id where m.parent_kind = $1 and r.consultation_id = $2";
    let found = load(db, rest, "m.parent_id, m.id", "remark", consultation_id).await?;
    Ok(found.into_iter().filter_map(|(remark, item)| Some((remark?, item))).collect())
}

/// An upload not yet attached, if `user_id` made it.
pub async fn pending(db: &Db, id: &str, user_id: i64) -> Result<Option<MediaItem>, sqlx::Error> {
    let rest = "where m.id = $1 and m.uploaded_by = $2 and m.parent_kind is null";
    Ok(load(db, rest, "m.id", id, user_id).await?.pop().map(|(_, item)| item))
}

/// Attaches `user_id`'s unattached upload `id` to `parent` with its text alternatives;
/// `false` if there is no such upload (attached meanwhile, removed, another's).
pub async fn attach(
    db: &Db,
    id: &str,
    user_id: i64,
    parent: Parent,
    alts: [&str; 3],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update media set parent_kind = $1, parent_id = $2, alt_pl = $3, alt_en = $4, alt_uk = $5, attached_at = $6 \
         where id = $7 and uploaded_by = $8 and parent_kind is null",
    )
    .bind(parent.kind())
    .bind(parent.id())
    .bind(alts[0].trim())
    .bind(alts[1].trim())
    .bind(alts[2].trim())
    .bind(now)
    .bind(id)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the uploads `where_sql` selects (its `$1`, `$2` bound to `a`, `b`) and
/// returns the keys no upload uses any more, whose objects the caller deletes.
async fn delete_where(db: &Db, where_sql: &str, a: &str, b: i64) -> Result<(usize, Vec<String>), sqlx::Error> {
    let mut tx = db.begin().await?;
    let keys: Vec<(String,)> = sqlx::query_as(&format!(
        "select distinct f.key from media_files f join media m on m.id = f.media_id where {where_sql}"
    ))
    .bind(a)
    .bind(b)
    .fetch_all(&mut *tx)
    .await?;
    let removed = sqlx::query(&format!("delete from media where id in (select m.id from media m where {where_sql})"))
        .bind(a)
        .bind(b)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let mut orphans = Vec::new();
    for (key,) in keys {
        let (left,): (i64,) =
            sqlx::query_as("select count(*) from media_files where key = $1").bind(&key).fetch_one(&mut *tx).await?;
        if left == 0 {
            orphans.push(key);
        }
    }
    tx.commit().await?;
    Ok((removed as usize, orphans))
}

/// Removes upload `id` from `parent`: `None` if it is not attached there, else the keys
/// to delete from the store.
pub async fn remove(db: &Db, parent: Parent, id: &str) -> Result<Option<Vec<String>>, sqlx::Error> {
    let (removed, orphans) = delete_where(
        db,
        &format!("m.id = $1 and m.parent_id = $2 and m.parent_kind = '{}'", parent.kind()),
        id,
        parent.id(),
    )
    .await?;
    Ok((removed > 0).then_some(orphans))
}

/// Removes the uploads never attached and made before `before`; returns how many and
/// the keys to delete from the store.
pub async fn collect_garbage(db: &Db, before: i64) -> Result<(usize, Vec<String>), sqlx::Error> {
    delete_where(db, "m.parent_kind is null and m.created_at < $2 and $1 = $1", "", before).await
}

/// An upload that uses a stored file, as far as access is concerned.
#[derive(Clone, Debug)]
pub struct Holder {
    pub parent: Option<Parent>,
    pub uploaded_by: Option<i64>,
    /// The file's format (`jpeg`, `webp`, `pdf`) and the upload's name to show.
    pub format: String,
    pub display_name: String,
}

/// The uploads that use the file `key` (the same bytes may have been uploaded twice).
pub async fn holders(db: &Db, key: &str) -> Result<Vec<Holder>, sqlx::Error> {
    type HolderRow = (Option<String>, Option<i64>, Option<i64>, String, String);
    let rows: Vec<HolderRow> = sqlx::query_as(
        "select m.parent_kind, m.parent_id, m.uploaded_by, f.format, m.display_name \
         from media_files f join media m on m.id = f.media_id where f.key = $1",
    )
    .bind(key)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, uploaded_by, format, display_name)| Holder {
            parent: kind.zip(id).and_then(|(k, i)| Parent::of(&k, i)),
            uploaded_by,
            format,
            display_name,
        })
        .collect())
}

/// Who may fetch a file of an upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the upload belongs to published content.
    Public,
    /// The owner named (the uploader, the applicant) and, when `staff`, DK-04's
    /// moderators and administrators.
    Private { owner_id: Option<i64>, staff: bool },
}

/// The access rule of an upload, from its parent's state now: a published
/// consultation's and a submitted civic-budget project's files are public; a draft's
/// are its owner's and staff's; an initiative application's and a paper remark's (scans
/// with personal data) are never public; an unattached upload is its uploader's alone.
pub async fn access(db: &Db, holder: &Holder, now: i64) -> Result<Access, sqlx::Error> {
    let owner = |owner_id| Access::Private { owner_id, staff: true };
    Ok(match holder.parent {
        None => Access::Private { owner_id: holder.uploaded_by, staff: false },
        Some(Parent::Consultation(id)) => {
            // Public exactly when its page is (`consultations::storage::find`).
            let row: Option<(i64,)> = sqlx::query_as(
                "select id from consultations where id = $1 and published_at is not null \
                 and information_starts_at <= $2",
            )
            .bind(id)
            .bind(now)
            .fetch_optional(db)
            .await?;
            if row.is_some() {
                Access::Public
            } else {
                owner(None)
            }
        }
        Some(Parent::BudgetProject(id)) => {
            let row: Option<(String, i64)> =
                sqlx::query_as("select status, owner_id from budget_projects where id = $1")
                    .bind(id)
                    .fetch_optional(db)
                    .await?;
            match row {
                Some((status, _)) if status != "draft" => Access::Public,
                Some((_, owner_id)) => owner(Some(owner_id)),
                None => owner(None),
            }
        }
        // A letter's scan: its sender's address and signature are on it.
        Some(Parent::Remark(_)) => owner(None),
        // Public exactly when the post is (`news::storage::find_published`); until
        // then its uploader's (an editor) and staff's.
        Some(Parent::News(id)) => {
            let row: Option<(i64,)> = sqlx::query_as("select id from news_posts where id = $1 and publish_at <= $2")
                .bind(id)
                .bind(now)
                .fetch_optional(db)
                .await?;
            if row.is_some() {
                Access::Public
            } else {
                owner(holder.uploaded_by)
            }
        }
        Some(Parent::Initiative(id)) => {
            let row: Option<(i64,)> =
                sqlx::query_as("select owner_id from initiatives where id = $1").bind(id).fetch_optional(db).await?;
            owner(row.map(|(o,)| o))
        }
    })
}
