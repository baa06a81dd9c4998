/** Hands a file to the user: a browser download, or Electron's save dialog. */
export function downloadFile(file: { filename: string; mimeType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the object URL; revoking later keeps slow starts working.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
