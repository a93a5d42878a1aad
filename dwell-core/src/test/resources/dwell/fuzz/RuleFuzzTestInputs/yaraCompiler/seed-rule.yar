import "math"
rule webshell : exchange {
  meta:
    description = "China Chopper"
    score = 70
  strings:
    $a = "eval(Request.Item[" ascii wide nocase
    $b = { 3C 25 40 20 50 61 67 65 [0-20] 4C 61 6E 67 75 61 67 65 ( 3D | 20 ) }
    $c = /Response\.Write\([^)]{1,64}\)/ fullword
    $d = "cmd" xor(1-3)
    $e = "whoami" base64
  condition:
    (uint16(0) == 0x253c or filesize < 10KB) and 2 of ($a, $b, $c) or for any i in (1..#a) : (@a[i] < 100)
    or math.entropy(0, filesize) > 7.0 or $d or $e
}
