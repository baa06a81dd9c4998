export * from './start-fixture-site'
export * from './fixture-site-kinds'
export * from './fixture-html'
export * from './recording-crawl-context'
