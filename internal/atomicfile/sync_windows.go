//go:build windows

package atomicfile

// syncDir is a no-op on Windows, where a rename is durable once it returns
// and folders cannot be synced.
func syncDir(string) error { return nil }
