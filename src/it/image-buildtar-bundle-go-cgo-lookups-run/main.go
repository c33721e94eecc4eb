// Looks up its own user and a user by name, and resolves localhost: built by Debian's Go with cgo
// on (its default), os/user calls glibc's getpwuid_r and getpwnam_r, and with GODEBUG=netdns=cgo
// the resolver calls getaddrinfo; all three go through glibc's NSS in the image.
package main

import (
	"fmt"
	"net"
	"os"
	"os/user"
)

func main() {
	current, err := user.Current()
	if err != nil {
		fmt.Println("current user:", err)
		os.Exit(1)
	}
	fmt.Println("current user", current.Username, current.Uid)
	nobody, err := user.Lookup("nobody")
	if err != nil {
		fmt.Println("lookup nobody:", err)
		os.Exit(1)
	}
	fmt.Println("user nobody", nobody.Uid)
	addresses, err := net.LookupHost("localhost")
	if err != nil {
		fmt.Println("lookup localhost:", err)
		os.Exit(1)
	}
	fmt.Println("localhost", addresses)
}
