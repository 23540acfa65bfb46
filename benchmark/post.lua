-- every request is a POST with an empty body: one LRA each
wrk.method = "POST"
