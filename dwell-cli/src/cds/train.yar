// The training run of the launcher's class-data-sharing archive (dwell.cli.CdsTraining): `dwell yara scan` and
// `dwell scan` with these rules over this folder load the classes of start-up, rule compilation and scanning, which
// the archive then keeps ready.
import "math"
import "hash"

rule cds_training_text : training {
    meta:
        description = "text, hex and regex strings with modifiers"
    strings:
        $t = "ArchiveClassesAtExit" ascii wide nocase
        $h = { 41 72 63 68 [1-4] 65 }
        $r = /Shared[A-Z][a-z]+File/ fullword
        $x = "dwell" xor(1-2)
        $b = "training" base64
    condition:
        any of them and filesize < 1MB and math.entropy(0, filesize) > 1 and #t >= 0
}

rule cds_training_hash {
    strings:
        $t = "training"
    condition:
        hash.md5(0, 4) != "" and uint16(0) != 0x5A4D and for any i in (1..#t) : (@t[i] >= 0) and cds_training_text
}
