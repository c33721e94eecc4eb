// A pure Go program: with CGO_ENABLED=0 the Go toolchain links it statically, with no libc.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Printf("Hello from Go in a FROM scratch image! (%s/%s)\n", runtime.GOOS, runtime.GOARCH)
}
