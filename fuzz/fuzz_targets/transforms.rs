//! Every transformation, alone and in chains picked by the input: total,
//! never longer than its input, and a chain equals its steps.
#![no_main]

use edgewall_engine::waf::transform::{apply_chain, Transform};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&picks, value)) = data.split_first() else {
        return;
    };
    for &t in Transform::ALL {
        let out = t.apply(value);
        assert!(out.len() <= value.len(), "{t} grew its input");
    }
    let all = Transform::ALL;
    let chain: Vec<Transform> = (0..(picks % 6) as usize)
        .map(|i| all[(usize::from(picks) * 7 + i * 13) % all.len()])
        .collect();
    let out = apply_chain(&chain, value);
    let stepwise = chain
        .iter()
        .fold(value.to_vec(), |v, t| t.apply(&v).into_owned());
    assert_eq!(out.as_ref(), stepwise.as_slice());
});
