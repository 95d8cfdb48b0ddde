//! A store opened on first use, so that a run that sends nothing leaves no
//! outbox behind.

use super::*;

type Opener = Box<dyn FnMut() -> StoreResult<Box<dyn Store>> + Send>;

pub struct LazyStore {
    open: Opener,
    inner: Option<Box<dyn Store>>,
}

impl LazyStore {
    pub fn new(open: impl FnMut() -> StoreResult<Box<dyn Store>> + Send + 'static) -> LazyStore {
        LazyStore {
            open: Box::new(open),
            inner: None,
        }
    }

    /// Whether the store has been opened.
    pub fn is_open(&self) -> bool {
        self.inner.is_some()
    }

    fn get(&mut self) -> StoreResult<&mut Box<dyn Store>> {
        if self.inner.is_none() {
            self.inner = Some((self.open)()?);
        }
        self.inner
            .as_mut()
            .ok_or_else(|| StoreError("the outbox is not open".into()))
    }
}

impl Store for LazyStore {
    fn submit(&mut self, m: &NewMessage, dry_run: bool) -> StoreResult<Submitted> {
        self.get()?.submit(m, dry_run)
    }
    fn get(&mut self, id: &str) -> StoreResult<Option<Record>> {
        LazyStore::get(self)?.get(id)
    }
    fn ids_starting(&mut self, prefix: &str, limit: usize) -> StoreResult<Vec<String>> {
        self.get()?.ids_starting(prefix, limit)
    }
    fn mime(&mut self, id: &str) -> StoreResult<Option<Vec<u8>>> {
        self.get()?.mime(id)
    }
    fn events(&mut self, id: &str) -> StoreResult<Vec<Event>> {
        self.get()?.events(id)
    }
    fn list(&mut self, f: &Filter) -> StoreResult<Vec<Record>> {
        self.get()?.list(f)
    }
    fn claim(
        &mut self,
        now: i64,
        owner: &str,
        lease_ms: i64,
        limit: usize,
    ) -> StoreResult<Vec<Record>> {
        self.get()?.claim(now, owner, lease_ms, limit)
    }
    fn complete(&mut self, id: &str, owner: &str, now: i64, o: &Outcome) -> StoreResult<bool> {
        self.get()?.complete(id, owner, now, o)
    }
    fn stale(&mut self, now: i64) -> StoreResult<Vec<Record>> {
        self.get()?.stale(now)
    }
    fn take_over(&mut self, id: &str, owner: &str, now: i64, lease_ms: i64) -> StoreResult<bool> {
        self.get()?.take_over(id, owner, now, lease_ms)
    }
    fn set_status(
        &mut self,
        id: &str,
        s: Status,
        now: i64,
        detail: &str,
    ) -> StoreResult<Option<Record>> {
        self.get()?.set_status(id, s, now, detail)
    }
    fn next_due(&mut self) -> StoreResult<Option<i64>> {
        self.get()?.next_due()
    }
    fn take_token(&mut self, b: &str, rate: f64, burst: f64, now: i64) -> StoreResult<Option<i64>> {
        self.get()?.take_token(b, rate, burst, now)
    }
    fn list_entries(&mut self, l: List) -> StoreResult<Vec<ListEntry>> {
        self.get()?.list_entries(l)
    }
    fn add_entry(&mut self, l: List, e: &ListEntry) -> StoreResult<bool> {
        self.get()?.add_entry(l, e)
    }
    fn remove_entry(&mut self, l: List, key: &str) -> StoreResult<bool> {
        self.get()?.remove_entry(l, key)
    }
    fn start_run(&mut self, run: &Run) -> StoreResult<()> {
        self.get()?.start_run(run)
    }
    fn finish_run(&mut self, id: &str, rows: i64, now: i64) -> StoreResult<()> {
        self.get()?.finish_run(id, rows, now)
    }
    fn runs(&mut self) -> StoreResult<Vec<Run>> {
        self.get()?.runs()
    }
    fn run(&mut self, id: &str) -> StoreResult<Option<Run>> {
        self.get()?.run(id)
    }
    fn run_totals(&mut self, id: &str) -> StoreResult<Vec<(Status, i64)>> {
        self.get()?.run_totals(id)
    }
    fn find_by_provider_id(&mut self, provider_id: &str) -> StoreResult<Option<Record>> {
        self.get()?.find_by_provider_id(provider_id)
    }
    fn provider_event(&mut self, id: &str, e: &ProviderEvent, now: i64) -> StoreResult<Applied> {
        self.get()?.provider_event(id, e, now)
    }
    fn add_inbound(&mut self, m: &Inbound) -> StoreResult<bool> {
        self.get()?.add_inbound(m)
    }
    fn inbound(&mut self, limit: usize) -> StoreResult<Vec<Inbound>> {
        self.get()?.inbound(limit)
    }
}
