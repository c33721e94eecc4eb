// Looks up the zone named by TZ, the system's CA roots and its own user: what most Go services
// do, and each needs a file a scratch image lacks unless the essentials add it.
package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"os/user"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Getenv("TZ"))
	if err != nil {
		fmt.Println("zone:", err)
		os.Exit(1)
	}
	fmt.Println(time.Unix(1700000000, 0).In(loc).Format("2006-01-02 15:04 MST"))
	pool, err := x509.SystemCertPool()
	if err != nil || len(pool.Subjects()) == 0 {
		fmt.Println("roots: none", err)
		os.Exit(1)
	}
	fmt.Println("roots: ok")
	u, err := user.Current()
	if err != nil {
		fmt.Println("user:", err)
		os.Exit(1)
	}
	fmt.Println("user", u.Username)
}
