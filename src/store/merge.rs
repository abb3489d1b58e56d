//! Three-way merge of two edits to one record, field by field. Records are compared as JSON
//! values (every record type serialises to one), so one merge serves them all:
//! objects merge per key, lists of records with an `id` merge per id (action items), lists of
//! plain values merge as sets, and a field both sides changed differently is a conflict:
//! the newer edit wins and the caller keeps the other as a conflict copy.

use serde_json::{Map, Value};

use super::kind::MergeRule;

/// Merge `mine` and `theirs`, both edits of `base` (`None`: both created the record).
/// Returns the merged value and the paths of fields both sides changed differently.
pub fn merge3(base: Option<&Value>, theirs: &Value, mine: &Value) -> (Value, Vec<String>) {
    merge3_with(&MergeRule::default(), base, theirs, mine)
}

/// `merge3` with a kind's rule: the lists it names merge record by record on their key (or as
/// sets), whatever their contents.
pub fn merge3_with(
    rule: &MergeRule,
    base: Option<&Value>,
    theirs: &Value,
    mine: &Value,
) -> (Value, Vec<String>) {
    let mut conflicts = Vec::new();
    let merged = Merger { rule }.at(base, theirs, mine, "", &mut conflicts);
    (merged, conflicts)
}

struct Merger<'a> {
    rule: &'a MergeRule,
}

impl Merger<'_> {
    fn at(
        &self,
        base: Option<&Value>,
        theirs: &Value,
        mine: &Value,
        path: &str,
        conflicts: &mut Vec<String>,
    ) -> Value {
        // Who last changed the record is whoever saves now, even if that is who it was.
        if mine == theirs || path == "by" || path == "by.changed" {
            return mine.clone();
        }
        if base == Some(mine) {
            return theirs.clone();
        }
        if base == Some(theirs) {
            return mine.clone();
        }
        let named_key = self
            .rule
            .keyed_lists
            .iter()
            .find(|(f, _)| *f == path)
            .map(|(_, k)| *k);
        let as_set = self.rule.set_lists.contains(&path);
        match (theirs, mine) {
            (Value::Object(t), Value::Object(m)) => {
                let b = base.and_then(Value::as_object);
                Value::Object(self.maps(b, t, m, path, conflicts))
            }
            (Value::Array(t), Value::Array(m)) if named_key.is_some() => {
                let key = named_key.unwrap_or("id");
                let b = base.and_then(Value::as_array);
                Value::Array(self.keyed(key, b, t, m, path, conflicts))
            }
            (Value::Array(t), Value::Array(m)) if is_keyed("id", t) && is_keyed("id", m) => {
                let b = base.and_then(Value::as_array).filter(|b| is_keyed("id", b));
                Value::Array(self.keyed("id", b, t, m, path, conflicts))
            }
            (Value::Array(t), Value::Array(m)) if as_set || (is_plain(t) && is_plain(m)) => {
                let empty = Vec::new();
                let b = base.and_then(Value::as_array).unwrap_or(&empty);
                Value::Array(merge_sets(b, t, m))
            }
            // Who last changed a record is whoever saves now: never a conflict.
            _ if path == "by" || path.starts_with("by.") => mine.clone(),
            _ => {
                conflicts.push(if path.is_empty() {
                    "(whole record)".into()
                } else {
                    path.into()
                });
                mine.clone()
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Merge two maps key by key: additions on either side are kept, a deletion wins over an
/// unchanged value, and a deletion against a change keeps the change (nothing is lost).
fn merge_entries<'a>(
    m8: &Merger,
    keys: Vec<&'a str>,
    get_b: &dyn Fn(&str) -> Option<&'a Value>,
    get_t: &dyn Fn(&str) -> Option<&'a Value>,
    get_m: &dyn Fn(&str) -> Option<&'a Value>,
    path: &str,
    conflicts: &mut Vec<String>,
) -> Vec<(&'a str, Value)> {
    let mut out = Vec::new();
    for k in keys {
        let (b, t, m) = (get_b(k), get_t(k), get_m(k));
        let v = match (t, m) {
            (Some(t), Some(m)) => Some(m8.at(b, t, m, &join(path, k), conflicts)),
            // I deleted it: keep it deleted unless they changed it meanwhile.
            (Some(t), None) => (b != Some(t)).then(|| t.clone()),
            // They deleted it: keep it deleted unless I changed it.
            (None, Some(m)) => (b != Some(m)).then(|| m.clone()),
            (None, None) => None,
        };
        if let Some(v) = v {
            out.push((k, v));
        }
    }
    out
}

impl Merger<'_> {
    fn maps(
        &self,
        base: Option<&Map<String, Value>>,
        theirs: &Map<String, Value>,
        mine: &Map<String, Value>,
        path: &str,
        conflicts: &mut Vec<String>,
    ) -> Map<String, Value> {
        let mut keys: Vec<&str> = mine.keys().map(String::as_str).collect();
        keys.extend(
            theirs
                .keys()
                .map(String::as_str)
                .filter(|k| !mine.contains_key(*k)),
        );
        merge_entries(
            self,
            keys,
            &|k| base.and_then(|b| b.get(k)),
            &|k| theirs.get(k),
            &|k| mine.get(k),
            path,
            conflicts,
        )
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }
}

/// A record's key as text (a string, or any other plain value written out).
fn key_of(key: &str, v: &Value) -> Option<String> {
    match v.as_object()?.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Object(_) | Value::Array(_) => None,
        other => Some(other.to_string()),
    }
}

fn is_keyed(key: &str, items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|v| key_of(key, v).is_some())
}

fn is_plain(items: &[Value]) -> bool {
    items.iter().all(|v| !v.is_object() && !v.is_array())
}

impl Merger<'_> {
    fn keyed(
        &self,
        key: &str,
        base: Option<&Vec<Value>>,
        theirs: &[Value],
        mine: &[Value],
        path: &str,
        conflicts: &mut Vec<String>,
    ) -> Vec<Value> {
        let find = |list: &'_ [Value], k: &str| -> Option<usize> {
            list.iter()
                .position(|v| key_of(key, v).as_deref() == Some(k))
        };
        let mut owned: Vec<String> = mine.iter().filter_map(|v| key_of(key, v)).collect();
        owned.extend(
            theirs
                .iter()
                .filter_map(|v| key_of(key, v))
                .filter(|k| find(mine, k).is_none()),
        );
        owned.dedup();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let base_slice: &[Value] = base.map_or(&[], Vec::as_slice);
        merge_entries(
            self,
            keys,
            &|k| find(base_slice, k).map(|i| &base_slice[i]),
            &|k| find(theirs, k).map(|i| &theirs[i]),
            &|k| find(mine, k).map(|i| &mine[i]),
            path,
            conflicts,
        )
        .into_iter()
        .map(|(_, v)| v)
        .collect()
    }
}

/// Mine, less what they removed, plus what they added.
fn merge_sets(base: &[Value], theirs: &[Value], mine: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = mine
        .iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn different_fields_merge_without_conflict() {
        let base = json!({"focus": "a", "notes": "n", "private": false});
        let theirs = json!({"focus": "b", "notes": "n", "private": false});
        let mine = json!({"focus": "a", "notes": "m", "private": false});
        let (v, c) = merge3(Some(&base), &theirs, &mine);
        assert_eq!(v, json!({"focus": "b", "notes": "m", "private": false}));
        assert!(c.is_empty());
    }

    #[test]
    fn the_same_field_changed_twice_is_a_conflict_and_mine_wins() {
        let base = json!({"focus": "a"});
        let (v, c) = merge3(Some(&base), &json!({"focus": "b"}), &json!({"focus": "c"}));
        assert_eq!(v, json!({"focus": "c"}));
        assert_eq!(c, vec!["focus".to_string()]);
    }

    #[test]
    fn ticks_merge_per_item() {
        let base = json!({"ticks": {"a": {"date": "1"}}});
        let theirs = json!({"ticks": {"a": {"date": "1"}, "b": {"date": "2"}}});
        let mine = json!({"ticks": {"c": {"date": "3"}}}); // I untick a, tick c
        let (v, c) = merge3(Some(&base), &theirs, &mine);
        assert_eq!(
            v,
            json!({"ticks": {"c": {"date": "3"}, "b": {"date": "2"}}})
        );
        assert!(c.is_empty());
    }

    #[test]
    fn a_delete_against_a_change_keeps_the_change() {
        let base = json!({"ticks": {"a": {"date": "1"}}});
        let theirs = json!({"ticks": {"a": {"date": "2"}}});
        let mine = json!({"ticks": {}});
        let (v, _) = merge3(Some(&base), &theirs, &mine);
        assert_eq!(v, json!({"ticks": {"a": {"date": "2"}}}));
    }

    #[test]
    fn action_items_merge_per_id() {
        let base = json!({"items": [{"id": "1", "done": false}]});
        let theirs = json!({"items": [{"id": "1", "done": true}]});
        let mine = json!({"items": [{"id": "1", "done": false}, {"id": "2", "done": false}]});
        let (v, c) = merge3(Some(&base), &theirs, &mine);
        assert_eq!(
            v,
            json!({"items": [{"id": "1", "done": true}, {"id": "2", "done": false}]})
        );
        assert!(c.is_empty());
    }

    #[test]
    fn plain_lists_merge_as_sets() {
        let base = json!(["m1", "m2"]);
        let theirs = json!(["m1", "m2", "m3"]);
        let mine = json!(["m2", "m4"]);
        let (v, c) = merge3(Some(&base), &theirs, &mine);
        assert_eq!(v, json!(["m2", "m4", "m3"]));
        assert!(c.is_empty());
    }

    #[test]
    fn both_created_without_base_merge_additions() {
        let theirs = json!({"framework": "curee", "ticks": {"a": 1}});
        let mine = json!({"framework": "curee", "ticks": {"b": 2}});
        let (v, c) = merge3(None, &theirs, &mine);
        assert_eq!(v, json!({"framework": "curee", "ticks": {"b": 2, "a": 1}}));
        assert!(c.is_empty());
    }
}
