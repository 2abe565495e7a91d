//go:build !linux

package bundle_test

// maxRSS is not measured on this platform.
func maxRSS() int64 { return 0 }
