//! What each WAF rule costs: a hook around every run of a rule's operator
//! (its regex, phrases or detector on one field value), for
//! `edgewall profile`. The engine keeps no clock (it runs in wasm, where
//! there is none to read); a [`Meter`] brings its own. Evaluation without
//! one passes `()`, which runs the operator and nothing else.

/// Told about every run of a rule's operator.
pub trait Meter {
    /// `run` is the operator of rule `rule` (its index in
    /// [`super::rules::Waf::rules`]) on a value of `len` bytes; return what
    /// it returns.
    fn operator<R>(&mut self, rule: usize, len: usize, run: impl FnOnce() -> R) -> R;
}

impl Meter for () {
    #[inline(always)]
    fn operator<R>(&mut self, _rule: usize, _len: usize, run: impl FnOnce() -> R) -> R {
        run()
    }
}
