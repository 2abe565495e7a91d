//go:build windows

package atomicfile

// SyncDir is a no-op on Windows, where a rename is durable once it returns
// and folders cannot be synced.
func SyncDir(string) error { return nil }
