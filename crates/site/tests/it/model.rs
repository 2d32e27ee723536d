use plant_site::equipment_from_extras;

#[test]
fn extras_bind_equipment_by_id() {
    assert_eq!(equipment_from_extras(r#"{"equipment": "kiln-1", "other": 3}"#).as_deref(), Some("kiln-1"));
    assert_eq!(equipment_from_extras(r#"{"equipment": 3}"#), None);
    assert_eq!(equipment_from_extras("not json"), None);
}
