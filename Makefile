# The two commands of the README, plus the benchmark and the production build.
# Each script installs what it needs first and is quick when nothing changed.
.PHONY: run test bench bench-budget bench-vote bench-media release

run: ## build and serve http://127.0.0.1:3000 with the embedded SQLite and demo content
	./.ci/serve-demo

test: ## every test: lints, unit, integration (SQLite and PostgreSQL), browser
	./.ci/test

bench: ## /consultations against nginx serving the same bytes; WASM sizes
	./.ci/bench

bench-budget: ## the civic-budget catalogue with 1,200 projects, on SQLite and PostgreSQL
	./.ci/bench-budget

bench-vote: ## the vote's load test: 84,842 real ballots, 200 clients, SQLite and PostgreSQL
	./.ci/bench-vote

bench-media: ## a 12-megapixel photo's processing, and a page's latency while photos are uploaded
	. ./.ci/env && CARGO_TARGET_DIR="$$CARGO_TARGET_DIR/bench" cargo run --release -p server --features ssr --example media_bench
	. ./.ci/env && CARGO_TARGET_DIR="$$CARGO_TARGET_DIR/bench" cargo run --release -p server --features ssr --example upload_load

release: ## optimised server binary and site folder
	./.ci/release
