// Looks up the zone named by TZ, the system's CA roots (and verifies a certificate signed by a
// company CA against them) and its own user: what most Go services do, and each needs a file a
// scratch image lacks unless the essentials add it.
package main

import (
	"crypto/x509"
	"encoding/pem"
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
	// a certificate the company CA signed, which <extraCertificates> adds to the bundle
	data, err := os.ReadFile("/etc/probe/server.pem")
	if err != nil {
		fmt.Println("certificate:", err)
		os.Exit(1)
	}
	block, _ := pem.Decode(data)
	cert, err := x509.ParseCertificate(block.Bytes)
	if err == nil {
		_, err = cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "localhost"})
	}
	if err != nil {
		fmt.Println("not verified:", err)
		os.Exit(1)
	}
	fmt.Println("verified localhost")
	u, err := user.Current()
	if err != nil {
		fmt.Println("user:", err)
		os.Exit(1)
	}
	fmt.Println("user", u.Username)
}
