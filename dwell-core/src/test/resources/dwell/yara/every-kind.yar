import "math"
import "hash"
import "pe"

global rule g_size : tagg { condition: filesize < 10MB }

private rule p_helper { strings: $h = "helper" condition: $h }

rule every_kind : one two {
  meta:
    author = "dwell"
    score = 75
    active = true
  strings:
    $a = "alpha" nocase wide ascii
    $b = "beta" fullword
    $x = "xored" xor(1-3)
    $e = "encoded64" base64 base64wide
    $c = "custom" base64("!@#$%^&*(){}[].,|ABCDEFGHIJ\x09LMNOPQRSTUVWXYZabcdefghijklmnopqrstu")
    $p = "hidden" private
    $h1 = { 41 42 [1-4] 43 ( 44 | 45 ?? ) 4? }
    $h2 = { 61 62 [-] 63 }
    $r1 = /gam+a[0-9]{2,}\b/is
    $r2 = /delta.{0,20}epsilon/ wide
    $ = "anon1"
    $ = "anon2"
  condition:
    (g_size and not false and true or p_helper)
    and filesize >= 0 and #a in (0..filesize) >= 0
    and (not $a or @a[1] >= 0 and !a[1] > 0)
    and ($b at 0 or $b in (0..1000) or not $b)
    and (uint16(0) != 0x5a4d or int32be(0) > -1 or uint8(1) & 0xff == ~(-1) + 0)
    and (any of them or none of ($h*) or 2 of ($a, $b, $x) or 50% of them or all of ($r*) or 1 of ($*))
    and (for any of ($a, $b) : ($ at 0) or for all i in (1..#a) : (@a[i] < 1000000) or true)
    and (for any k in (1, 2, 3) : (k == 2))
    and (for all s in pe.sections : (s.name != "") or true)
    and ("abc" matches /a.c/i and "Hello" icontains "ell" and "hello" startswith "he" and "x" iequals "X"
         and "abc" contains "b" and "abc" endswith "c" and "abc" iendswith "C" and "abc" istartswith "A")
    and (math.entropy(0, filesize) >= 0.0 or filesize == 0)
    and (hash.md5(0, 0) == "d41d8cd98f00b204e9800998ecf8427e")
    and ext_int > 1 and ext_str matches /fo+/ and ext_bool and ext_float < 2.5
    and (defined pe.number_of_sections or not defined pe.number_of_sections)
    and (1 of (g_size, p_helper*) or true)
    and (3 * 4 - 2) \ 2 % 4 == 1 and 1 << 2 == 4 and 8 >> 1 == 4 and (5 | 2) ^ 1 == 6
    and 1.5 * 2 == 3
}

rule uses_rule { condition: every_kind and not p_helper }
