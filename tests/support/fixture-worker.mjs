// A stand-in worker that speaks the coordinator ↔ worker protocol without scraping, so the worker
// host and supervisor are tested on a real child process. FIXTURE_WORKER picks its behaviour:
//   run (default)  reports the run it was given, then waits for `stop` and exits 0
//   crash          exits with code 3 once it has its run, without a word
//   refuse         says it cannot work (`finished` with an error), then exits 1
//   idle           says it has nothing to do (`finished` with a notice), then exits 0
//   ignore-stop    never exits on `stop` (the host must kill it)
//   garbage        sends a message the protocol does not know, then behaves as `run`
const behaviour = process.env.FIXTURE_WORKER ?? 'run'
const workerId = `fixture-${process.pid}`

process.stdout.write(`fixture worker ${process.pid} up\n`)
process.on('message', (message) => {
  if (message.type === 'run') {
    const { mode, brandId } = message.config
    if (behaviour === 'crash') process.exit(3)
    if (behaviour === 'refuse') {
      const finished = { type: 'finished', error: 'no enabled brand to scrape', notice: null }
      process.send(finished, () => process.exit(1))
      return
    }
    if (behaviour === 'idle') {
      const finished = { type: 'finished', error: null, notice: 'Nothing to scrape.' }
      process.send(finished, () => process.exit(0))
      return
    }
    if (behaviour === 'garbage') process.send({ type: 'gossip' })
    process.send({ type: 'brand-started', brand: `${mode} ${brandId ?? '-'}`, runId: 1 })
  } else if (message.type === 'stop' && behaviour !== 'ignore-stop') {
    process.send({ type: 'finished', error: null, notice: null }, () => process.exit(0))
  }
})
process.send({ type: 'ready', pid: process.pid, workerId })
