// The Coordinator module: Autocomp's search (beam search, plan-then-code prompts, the
// optimization menu), the LLM and offline agents, the benchmark problems, the SQLite job
// store and the scheduler that ships evaluation jobs to workers over the cluster protocol.
// It never imports Worker; the two meet only through ClusterProtocol.
//
// Its contents arrive with the cluster and optimizer issues; the module exists now so the
// package layout and dependency directions are fixed from the start.
