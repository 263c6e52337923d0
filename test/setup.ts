import nock from "nock";

// No test may reach the real network; the fake Hub listens on loopback.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
