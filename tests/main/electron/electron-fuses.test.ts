import { join } from 'node:path'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..', '..')

describe('electron-builder packaging config', () => {
  it('flips the Electron fuses that lock the packaged binary down', async () => {
    // Read as electron-builder reads it when packaging.
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false
    })
    // The integrity check and the asar-only loading need the app packed in an asar.
    expect(config.asar).not.toBe(false)
  })
})
