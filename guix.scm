;;; Eclexia — a Guix package of this checkout.
;;;
;;;   guix build -f guix.scm          build eclexia from the working tree
;;;   guix shell -f guix.scm          a shell with the `eclexia` command
;;;
;;; The crate origins below are generated from Cargo.lock; after changing dependencies run
;;;   python3 tests/deploy/guix_crates.py --write guix.scm
;;; (the deploy check fails while they differ).

(use-modules (guix packages)
             (guix gexp)
             (guix git-download)
             (guix build-system cargo)
             ((guix licenses) #:prefix license:))

(define %source-dir (dirname (current-filename)))

;; BEGIN crates generated from Cargo.lock by tests/deploy/guix_crates.py
(define rust-amd-0.2.2
  (crate-source "amd" "0.2.2"
                "15ib7hhzdifb2m099561ip0fq627gaszw4sq36ys75snaw0y0yd6"))
(define rust-anstream-1.0.0
  (crate-source "anstream" "1.0.0"
                "13d2bj0xfg012s4rmq44zc8zgy1q8k9yp7yhvfnarscnmwpj2jl2"))
(define rust-anstyle-1.0.14
  (crate-source "anstyle" "1.0.14"
                "0030szmgj51fxkic1hpakxxgappxzwm6m154a3gfml83lq63l2wl"))
(define rust-anstyle-parse-1.0.0
  (crate-source "anstyle-parse" "1.0.0"
                "03hkv2690s0crssbnmfkr76kw1k7ah2i6s5amdy9yca2n8w7zkjj"))
(define rust-anstyle-query-1.1.5
  (crate-source "anstyle-query" "1.1.5"
                "1p6shfpnbghs6jsa0vnqd8bb8gd7pjd0jr7w0j8jikakzmr8zi20"))
(define rust-anstyle-wincon-3.0.11
  (crate-source "anstyle-wincon" "3.0.11"
                "0zblannm70sk3xny337mz7c6d8q8i24vhbqi42ld8v7q1wjnl7i9"))
(define rust-ar-archive-writer-0.5.1
  (crate-source "ar_archive_writer" "0.5.1"
                "02rlgsw6k2dh3dk616qyrsl939fwznns1cvf9x0jghmrcfxkpfby"))
(define rust-atomic-waker-1.1.2
  (crate-source "atomic-waker" "1.1.2"
                "1h5av1lw56m0jf0fd3bchxq8a30xv0b4wv8s4zkp4s0i7mfvs18m"))
(define rust-autocfg-1.5.1
  (crate-source "autocfg" "1.5.1"
                "0lqasy5i30flcgih1b50kvsk6z32g09r1q4ql7q81pj6228jy0zj"))
(define rust-axum-0.8.9
  (crate-source "axum" "0.8.9"
                "146df5x8dhczm1sp939gr3839220wl6rxc1k65bzc450z72ridii"))
(define rust-axum-core-0.5.6
  (crate-source "axum-core" "0.5.6"
                "1lcjhxysnbc64rh21ag9m9fpiryd1iwcdh9mwxz1yadiswqqziq8"))
(define rust-base64-0.22.1
  (crate-source "base64" "0.22.1"
                "1imqzgh7bxcikp5vx3shqvw9j09g9ly0xr0jma0q66i52r7jbcvj"))
(define rust-base64-0.23.1
  (crate-source "base64" "0.23.1"
                "19cdw4vh3d8qndbxjmbf6ddvmpicyddg704b4fjxjlchz7ncs1xc"))
(define rust-bit-set-0.11.1
  (crate-source "bit-set" "0.11.1"
                "0739d91jr6k2rbmbcsh26sx6srd40rcl7wkv9yj597r2wia77n2n"))
(define rust-bit-vec-0.10.2
  (crate-source "bit-vec" "0.10.2"
                "1842f2ls7gd8lg12y9af6lswp3w716rxcp549kbi3r1bwzqkll3j"))
(define rust-bitflags-2.13.2
  (crate-source "bitflags" "2.13.2"
                "01hbgjwvid66850fzi76mvn5f2bqycx6sf165ng1kfjqq9bl1v9x"))
(define rust-borsh-1.8.1
  (crate-source "borsh" "1.8.1"
                "02p2lhz49944wc6j5dzr42y1mkrv0znbicg3cl61b9bbda25sg2m"))
(define rust-borsh-derive-1.8.1
  (crate-source "borsh-derive" "1.8.1"
                "0mlzrbwzcr7qaky1iap09m0nrzp6crjd79sinj4iz808cxjzxk8j"))
(define rust-bumpalo-3.20.4
  (crate-source "bumpalo" "3.20.4"
                "1nrq69ym33pmydashsxw1447a0r3v1q87drch9xzpchyzmkcz847"))
(define rust-bytes-1.12.2
  (crate-source "bytes" "1.12.2"
                "0z6xjs7a66qmhag9nlvv8m4wnk370c8cg8l4qqr8fbay06yzwvbp"))
(define rust-cbindgen-0.29.4
  (crate-source "cbindgen" "0.29.4"
                "085f02ma9cdz0alnl1p6b1x6bmr7i9nnasq2fjk7n5lw9i457jrf"))
(define rust-cc-1.11.3
  (crate-source "cc" "1.11.3"
                "0sgskgkiv1502hz51s6hd125a1jayb0dyv6aw1f38s5kmliy1w02"))
(define rust-cfg-if-1.0.5
  (crate-source "cfg-if" "1.0.5"
                "0026j56901nzjraap3da0a8njw42j66zcxnn6s2s9aa5bcblhxjf"))
(define rust-cfg-aliases-0.2.2
  (crate-source "cfg_aliases" "0.2.2"
                "09rm3dv28gbsal7w6q76lg2nfyn8wp789ska9b8vr1w750xfhygh"))
(define rust-chacha20-0.10.2
  (crate-source "chacha20" "0.10.2"
                "01hvvbgdmqkcgs2s4f12s9wa5h2gbq05rqvypv61azlwd55mxhv5"))
(define rust-clap-4.6.9
  (crate-source "clap" "4.6.9"
                "0z1k2mq1fdh3vj2c0fafs8ql8i5644dwl32pinv2q6dycl5mqk44"))
(define rust-clap-builder-4.6.7
  (crate-source "clap_builder" "4.6.7"
                "0kbhai5rv1vj9r4np52g2b9fmhvy3y82digs9v40c57bgbxrf1zc"))
(define rust-clap-derive-4.6.9
  (crate-source "clap_derive" "4.6.9"
                "1mqc10w212v411pm03kmaiabv71b51g95005qsl9r6wl3zqp9hdl"))
(define rust-clap-lex-1.1.2
  (crate-source "clap_lex" "1.1.2"
                "0y9asv286gc92n02i11f5h15h91ljizjx4cz3j5dz8dkfqw1p4p0"))
(define rust-clarabel-0.11.1
  (crate-source "clarabel" "0.11.1"
                "1zpskijpxv9fa7k241dc3s8s6fr2km4dmxy35dryvznlz9qchl6r"))
(define rust-colorchoice-1.0.5
  (crate-source "colorchoice" "1.0.5"
                "0w75k89hw39p0mnnhlrwr23q50rza1yjki44qvh2mgrnj065a1qx"))
(define rust-core-foundation-0.10.1
  (crate-source "core-foundation" "0.10.1"
                "1xjns6dqf36rni2x9f47b65grxwdm20kwdg9lhmzdrrkwadcv9mj"))
(define rust-core-foundation-sys-0.8.7
  (crate-source "core-foundation-sys" "0.8.7"
                "12w8j73lazxmr1z0h98hf3z623kl8ms7g07jch7n4p8f9nwlhdkp"))
(define rust-core-detect-1.0.0
  (crate-source "core_detect" "1.0.0"
                "0j0xp1j6f9lrp4ybylc3d0zdg8jq2hkmr1122qyil14qk84q13vz"))
(define rust-cpufeatures-0.3.1
  (crate-source "cpufeatures" "0.3.1"
                "0rkm1l35jy1z1yfg723fddsxc7vr0gc1hhfvc138hnqiwc58p8jw"))
(define rust-crc32fast-1.5.5
  (crate-source "crc32fast" "1.5.5"
                "0r5dgm4p0hi5bhg90qbw1f09rmgfhlzhgldbmx01yxrml799v4ib"))
(define rust-darling-0.14.4
  (crate-source "darling" "0.14.4"
                "0l1qrn805bsxa0iy7x8bmdwr8c10hlw0yiqs8ckv7lbz86rhqxbv"))
(define rust-darling-core-0.14.4
  (crate-source "darling_core" "0.14.4"
                "1w4b2ndxmkwghwq84yphk8x15jnpivm08w596g12ry5pwsk1r70h"))
(define rust-darling-macro-0.14.4
  (crate-source "darling_macro" "0.14.4"
                "13mlyd5w275c815k0ijf6g4c446hs8b3m2h4an5isqgpr7dv9am4"))
(define rust-derive-builder-0.11.2
  (crate-source "derive_builder" "0.11.2"
                "18q4jx8zvg2pkx2d1nmlklx8m48bwrghyg8rdg1irdwkw5xxyynh"))
(define rust-derive-builder-core-0.11.2
  (crate-source "derive_builder_core" "0.11.2"
                "1i5gmf5lglbg7agj1khc6k9swf1clfs5fg6w0icw1w91m77x948z"))
(define rust-derive-builder-macro-0.11.2
  (crate-source "derive_builder_macro" "0.11.2"
                "0s6xfgsybd9wbk39hbgqjcn7d1l36a33q6v7d0x5y17d5fvi80wg"))
(define rust-displaydoc-0.2.7
  (crate-source "displaydoc" "0.2.7"
                "1a42mwpgpwcqq2qqgkcc630wvsc2p2dkmgacjnclginwfz9js8y6"))
(define rust-dtoa-1.0.11
  (crate-source "dtoa" "1.0.11"
                "1405jvczpxf1zd3nsvw02r50hr2k6argq6jkgdf04prd9s1g8g2c"))
(define rust-either-1.19.0
  (crate-source "either" "1.19.0"
                "1gjq21g0sgk5ylpj85zafcinwhh3jj91i6drhb4278vw2v17370f"))
(define rust-enum-dispatch-0.3.13
  (crate-source "enum_dispatch" "0.3.13"
                "1kby2jz173ggg7wk41vjsskmkdyx7749ll8lhqhv6mb5qqmww65a"))
(define rust-equivalent-1.0.3
  (crate-source "equivalent" "1.0.3"
                "09nqddaa84mix3vil6r02jlmya3qypi4j45dhzb8yphf83ap9l80"))
(define rust-errno-0.3.15
  (crate-source "errno" "0.3.15"
                "0xj7g0gdrgylxchyzxpfvvb5322j87zbhgal3pjr1fyfyiw6wpg3"))
(define rust-escape8259-0.5.4
  (crate-source "escape8259" "0.5.4"
                "1mpavc68la10qnapcjj4k1s18h92300idx6l77jmvzc200qhs7wz"))
(define rust-fastrand-2.5.0
  (crate-source "fastrand" "2.5.0"
                "08q2r30y62winysimnlpbvw9kiwn0rmdlidqlmzd6z90mv764z6s"))
(define rust-find-msvc-tools-0.1.15
  (crate-source "find-msvc-tools" "0.1.15"
                "0j5sh4lb7g8xh6kd67s0vz037ah5hlp9f2rbgbg9f41rqmf92rhw"))
(define rust-fnv-1.0.7
  (crate-source "fnv" "1.0.7"
                "1hc2mcqha06aibcaza94vbi81j6pr9a1bbxrxjfhc91zin8yr7iz"))
(define rust-form-urlencoded-1.2.2
  (crate-source "form_urlencoded" "1.2.2"
                "1kqzb2qn608rxl3dws04zahcklpplkd5r1vpabwga5l50d2v4k6b"))
(define rust-futures-channel-0.3.34
  (crate-source "futures-channel" "0.3.34"
                "1i4kwcanpaphn1ax62ci3nx176kglxqx0gnhzqpqdr1rkpbf7ydi"))
(define rust-futures-core-0.3.34
  (crate-source "futures-core" "0.3.34"
                "0pjgv4fx0np6hrs5sz5a2phabwv0z70yr51v03injbi44bjrkmlj"))
(define rust-futures-io-0.3.34
  (crate-source "futures-io" "0.3.34"
                "1v9z6wj92ra18kpv0xig21hgpzrvcwmcr8fszyzh64yyay0zmh2k"))
(define rust-futures-sink-0.3.34
  (crate-source "futures-sink" "0.3.34"
                "07cfvrgc3vxk6sw5g8a8dnrm1mzg6d5mwy08ywa1sgyhyxml4i0r"))
(define rust-futures-task-0.3.34
  (crate-source "futures-task" "0.3.34"
                "1zfilqs8nwlfqz4prk7ihvpp5avvzins87ibzlxzq5fhs7ipshfd"))
(define rust-futures-util-0.3.34
  (crate-source "futures-util" "0.3.34"
                "1g3r9ghzq7c2fh34lis43i72xavk9p84npgfwgb5vfpqcwjajl0d"))
(define rust-getrandom-0.2.17
  (crate-source "getrandom" "0.2.17"
                "1l2ac6jfj9xhpjjgmcx6s1x89bbnw9x6j9258yy6xjkzpq0bqapz"))
(define rust-getrandom-0.4.3
  (crate-source "getrandom" "0.4.3"
                "16b0202fkdwz3p2cyll82dv24ljbn0wiyy829v4lwbkbflyqh3ih"))
(define rust-good-lp-1.15.3
  (crate-source "good_lp" "1.15.3"
                "0mjd9ckh76x1gmazll6a2fp9vhff5f7h69m3fcpk5sjyssqmw9f4"))
(define rust-hashbrown-0.17.2
  (crate-source "hashbrown" "0.17.2"
                "1g1194xfmdlc8wl098vwg4cqxfh51jwsxyk28glb5zx5lqhslpkk"))
(define rust-heck-0.5.0
  (crate-source "heck" "0.5.0"
                "1sjmpsdl8czyh9ywl3qcsfsq9a307dg4ni2vnlwgnzzqhc4y0113"))
(define rust-http-1.5.0
  (crate-source "http" "1.5.0"
                "1q4wpz5hb4cf37g3jrdyffrpa6ngidmd9wrfph92fddzprl3b3ci"))
(define rust-http-body-1.1.0
  (crate-source "http-body" "1.1.0"
                "0b5wj0rdj8p03k20q8x0jy249amg2db919fnmh7zcrgf2clqyana"))
(define rust-http-body-util-0.1.5
  (crate-source "http-body-util" "0.1.5"
                "07773iilap808wjp6vywlq15zkgwnswqzrv270zxvg2z9biry5i3"))
(define rust-httparse-1.10.1
  (crate-source "httparse" "1.10.1"
                "11ycd554bw2dkgw0q61xsa7a4jn1wb1xbfacmf3dbwsikvkkvgvd"))
(define rust-httpdate-1.0.3
  (crate-source "httpdate" "1.0.3"
                "1aa9rd2sac0zhjqh24c9xvir96g188zldkx0hr6dnnlx5904cfyz"))
(define rust-hyper-1.12.0
  (crate-source "hyper" "1.12.0"
                "173wg6msakx4lha6hxm9z0i1h3bw34q8fk0x57b7flf9li6k4gic"))
(define rust-hyper-rustls-0.27.10
  (crate-source "hyper-rustls" "0.27.10"
                "0lvz2bxpphyxmkws5ysfnydvsd0q4smbwgy254g92irjf1afda6z"))
(define rust-hyper-util-0.1.21
  (crate-source "hyper-util" "0.1.21"
                "1zwbrhqr9js6r7db3zd8bsmm6ys1i0abgkc7lyw2d4jgd2b3vh6x"))
(define rust-icu-collections-2.1.1
  (crate-source "icu_collections" "2.1.1"
                "0hsblchsdl64q21qwrs4hvc2672jrf466zivbj1bwyv606bn8ssc"))
(define rust-icu-locale-core-2.1.1
  (crate-source "icu_locale_core" "2.1.1"
                "1djvdc2f5ylmp1ymzv4gcnmq1s4hqfim9nxlcm173lsd01hpifpd"))
(define rust-icu-normalizer-2.1.1
  (crate-source "icu_normalizer" "2.1.1"
                "16dmn5596la2qm0r3vih0bzjfi0vx9a20yqjha6r1y3vnql8hv2z"))
(define rust-icu-normalizer-data-2.1.1
  (crate-source "icu_normalizer_data" "2.1.1"
                "02jnzizg6q75m41l6c13xc7nkc5q8yr1b728dcgfhpzw076wrvbs"))
(define rust-icu-properties-2.1.2
  (crate-source "icu_properties" "2.1.2"
                "1v3lbmhhi7i6jgw51ikjb1p50qh5rb67grlkdnkc63l7zq1gq2q2"))
(define rust-icu-properties-data-2.1.2
  (crate-source "icu_properties_data" "2.1.2"
                "1bvpkh939rgzrjfdb7hz47v4wijngk0snmcgrnpwc9fpz162jv31"))
(define rust-icu-provider-2.1.1
  (crate-source "icu_provider" "2.1.1"
                "0576b7dizgyhpfa74kacv86y4g1p7v5ffd6c56kf1q82rvq2r5l5"))
(define rust-ident-case-1.0.1
  (crate-source "ident_case" "1.0.1"
                "0fac21q6pwns8gh1hz3nbq15j8fi441ncl6w4vlnd1cmc55kiq5r"))
(define rust-idna-1.1.0
  (crate-source "idna" "1.1.0"
                "1pp4n7hppm480zcx411dsv9wfibai00wbpgnjj4qj0xa7kr7a21v"))
(define rust-idna-adapter-1.2.1
  (crate-source "idna_adapter" "1.2.1"
                "0i0339pxig6mv786nkqcxnwqa87v4m94b2653f6k3aj0jmhfkjis"))
(define rust-indexmap-2.14.2
  (crate-source "indexmap" "2.14.2"
                "0mf86hbjkkcd82cpq683bblbs0zwa8ndla96ci8p1ji6bl7ijknc"))
(define rust-ipnet-2.12.2
  (crate-source "ipnet" "2.12.2"
                "1h65hw16sqv8nrrmqp0g8drv5wh98n4z7a4h1lb76n8d7js306br"))
(define rust-is-terminal-polyfill-1.70.2
  (crate-source "is_terminal_polyfill" "1.70.2"
                "15anlc47sbz0jfs9q8fhwf0h3vs2w4imc030shdnq54sny5i7jx6"))
(define rust-itertools-0.11.0
  (crate-source "itertools" "0.11.0"
                "0mzyqcc59azx9g5cg6fs8k529gvh4463smmka6jvzs3cd2jp7hdi"))
(define rust-itoa-1.0.19
  (crate-source "itoa" "1.0.19"
                "1m44ca6ihrapjhlfy1vn4zj207qyhizbv0c1iwgnr6ksc575gl9v"))
(define rust-js-sys-0.3.107
  (crate-source "js-sys" "0.3.107"
                "0fjdb084avbdxqb6n14lzszwn91wg88npasfym7bz2q9ahhrvh4d"))
(define rust-lazy-static-1.5.1
  (crate-source "lazy_static" "1.5.1"
                "1yqaqmp510xw2ldpw88mx9b5s5qj8flb4rw0wd9ks1zpk9j0z1r0"))
(define rust-libc-0.2.191
  (crate-source "libc" "0.2.191"
                "02i4j7pjh129y92rijaia4576131fa2xjsii1dc3c1fnlv4qgkb5"))
(define rust-libmimalloc-sys-0.1.49
  (crate-source "libmimalloc-sys" "0.1.49"
                "1sdqq31sbf8dbdng8fsyzl2c5xxphn6dvr6ggik6zhg18cpsaiba"))
(define rust-libtest-mimic-0.8.2
  (crate-source "libtest-mimic" "0.8.2"
                "0cvzzpwz5bsadb6578xcddf1brcq8b1xfd7qmw2fbrmdy03bmrhl"))
(define rust-linux-raw-sys-0.12.1
  (crate-source "linux-raw-sys" "0.12.1"
                "0lwasljrqxjjfk9l2j8lyib1babh2qjlnhylqzl01nihw14nk9ij"))
(define rust-litemap-0.8.3
  (crate-source "litemap" "0.8.3"
                "1bpgpj87560hmckh3875fbahpmfxbk4g8pzns84h3ykf3nfx3na7"))
(define rust-lock-api-0.4.14
  (crate-source "lock_api" "0.4.14"
                "0rg9mhx7vdpajfxvdjmgmlyrn20ligzqvn8ifmaz7dc79gkrjhr2"))
(define rust-log-0.4.35
  (crate-source "log" "0.4.35"
                "0p002750b2hab9bnlxxrvk5g9dvyaf23kiy39s6wsi6s29nzh5ax"))
(define rust-lru-slab-0.1.3
  (crate-source "lru-slab" "0.1.3"
                "07y5xcnggc4f2ki68kzj93aycjc5z0j8y7scs4f31zx66yc4cl20"))
(define rust-matchit-0.8.4
  (crate-source "matchit" "0.8.4"
                "1hzl48fwq1cn5dvshfly6vzkzqhfihya65zpj7nz7lfx82mgzqa7"))
(define rust-memchr-2.8.3
  (crate-source "memchr" "2.8.3"
                "161xa63ipfanf8v3nb82xd5hqgydv55nzw59wyngqbz6alfaz2yg"))
(define rust-mimalloc-0.1.52
  (crate-source "mimalloc" "0.1.52"
                "0qkqr4yga7fkyqwnn89d2xp346q54n4fpm91rzxd2jni52xkjh9d"))
(define rust-mime-0.3.18
  (crate-source "mime" "0.3.18"
                "18dzfqp5gaza7lg8qqpq1xh83zw79b1al3zryaacy5w1krd8z16m"))
(define rust-mio-1.2.5
  (crate-source "mio" "1.2.5"
                "0jlwrib8a3yp5h4j9s8z6qyh9k50lp8fjh38rmrsbc027y81lli0"))
(define rust-nu-ansi-term-0.50.3
  (crate-source "nu-ansi-term" "0.50.3"
                "1ra088d885lbd21q1bxgpqdlk1zlndblmarn948jz2a40xsbjmvr"))
(define rust-num-traits-0.2.19
  (crate-source "num-traits" "0.2.19"
                "0h984rhdkkqd4ny9cif7y2azl3xdfb7768hb9irhpsch4q3gq787"))
(define rust-object-0.37.3
  (crate-source "object" "0.37.3"
                "1zikiy9xhk6lfx1dn2gn2pxbnfpmlkn0byd7ib1n720x0cgj0xpz"))
(define rust-once-cell-1.21.4
  (crate-source "once_cell" "1.21.4"
                "0l1v676wf71kjg2khch4dphwh1jp3291ffiymr2mvy1kxd5kwz4z"))
(define rust-once-cell-polyfill-1.70.2
  (crate-source "once_cell_polyfill" "1.70.2"
                "1zmla628f0sk3fhjdjqzgxhalr2xrfna958s632z65bjsfv8ljrq"))
(define rust-openssl-probe-0.2.2
  (crate-source "openssl-probe" "0.2.2"
                "1c90103d6q2qqf2ihgd9dxhczi8kk97bg52fnzb2y4sl2x0nn0vy"))
(define rust-parking-lot-0.12.5
  (crate-source "parking_lot" "0.12.5"
                "06jsqh9aqmc94j2rlm8gpccilqm6bskbd67zf6ypfc0f4m9p91ck"))
(define rust-parking-lot-core-0.9.12
  (crate-source "parking_lot_core" "0.9.12"
                "1hb4rggy70fwa1w9nb0svbyflzdc69h047482v2z3sx2hmcnh896"))
(define rust-percent-encoding-2.3.2
  (crate-source "percent-encoding" "2.3.2"
                "083jv1ai930azvawz2khv7w73xh8mnylk7i578cifndjn5y64kwv"))
(define rust-pin-project-lite-0.2.18
  (crate-source "pin-project-lite" "0.2.18"
                "0li7lxjqidvbksliq1jc7vl5izypdkcr0fsms1gncbam35bh2f69"))
(define rust-portable-atomic-1.15.0
  (crate-source "portable-atomic" "1.15.0"
                "11csag858ndk5w4yz17h91vy53ynh67r2903gwwdn2cnilzbdj05"))
(define rust-potential-utf-0.1.6
  (crate-source "potential_utf" "0.1.6"
                "0qbndl2fpphq7mph41m11vaixs05xrh1s451wxlgap4fdnybjgnq"))
(define rust-proc-macro-crate-3.5.0
  (crate-source "proc-macro-crate" "3.5.0"
                "0kv1g1d1zjwxlgcaba2qlshzyy32j03xic8rskqlcr5mnblsfyz6"))
(define rust-proc-macro2-1.0.107
  (crate-source "proc-macro2" "1.0.107"
                "1nb6ly8kp65f724kj73ippc7lvydss24sm2vagk6qpklpg4pwplq"))
(define rust-prometheus-client-0.24.1
  (crate-source "prometheus-client" "0.24.1"
                "1jm6syrfp8adgi5vx819ndp853h5zf3kaqpdw6gs5fb68mdxg8yc"))
(define rust-prometheus-client-derive-encode-0.5.1
  (crate-source "prometheus-client-derive-encode" "0.5.1"
                "1r4hz19zkrn6ivb078w94yf3x420chx3fb0cl9j4zybgd6a4iqq1"))
(define rust-proptest-1.12.0
  (crate-source "proptest" "1.12.0"
                "186g52z5077c7q1xqm6v0kw43wqpwgxhj074qx8swpmirh200lxq"))
(define rust-psm-0.1.31
  (crate-source "psm" "0.1.31"
                "1sk1wzb8j64b9f3z863lv45cgri6ikhys5pgwdfrnv9ldr4bwpb4"))
(define rust-pyo3-0.30.1
  (crate-source "pyo3" "0.30.1"
                "1r0d5vj3cq0v049876j92qs535ydpxsvj6mqhwa0vfqmi8xs3712"))
(define rust-pyo3-build-config-0.30.1
  (crate-source "pyo3-build-config" "0.30.1"
                "0027wbdfv0i29j8sfbvsz905rjk1jm16l0l8hyd5ivnidlmhw4vh"))
(define rust-pyo3-ffi-0.30.1
  (crate-source "pyo3-ffi" "0.30.1"
                "1i6i0hm3qb2z1wb5zgb19wy9fnl4vbxybrsc5lhnsa2walygfzsy"))
(define rust-pyo3-macros-0.30.1
  (crate-source "pyo3-macros" "0.30.1"
                "0q0vd5d3q08xq5a42y246j9rki53vl9zffdnwc3q5fy7c9c2wvf4"))
(define rust-pyo3-macros-backend-0.30.1
  (crate-source "pyo3-macros-backend" "0.30.1"
                "16svl8w0gabsx43fxbdz1r209lgwl9y57lajxwm2mrradw39zf1q"))
(define rust-quick-error-1.2.3
  (crate-source "quick-error" "1.2.3"
                "1q6za3v78hsspisc197bg3g7rpc989qycy8ypr8ap8igv10ikl51"))
(define rust-quinn-0.11.12
  (crate-source "quinn" "0.11.12"
                "04cxgnriz43bzhicvvjjj0sjv8l7rbdrrx9ywfkmbhl5j4zf4la0"))
(define rust-quinn-proto-0.11.19
  (crate-source "quinn-proto" "0.11.19"
                "1gpg5d36v8wrm1hjrrz8jfcyflcnv8lva2sxl4wh8kzyap50qx8f"))
(define rust-quinn-udp-0.5.16
  (crate-source "quinn-udp" "0.5.16"
                "05phk0ragk1655pxkbfvjxxb5i5b1i4nbjjnvgsdqfc6y5yr0rmg"))
(define rust-quote-1.0.47
  (crate-source "quote" "1.0.47"
                "00ch0yyzvv6s671ik0kcsbw8nigdaj2g3fr61kcahwx48aqlvgqz"))
(define rust-r-efi-6.0.0
  (crate-source "r-efi" "6.0.0"
                "1gyrl2k5fyzj9k7kchg2n296z5881lg7070msabid09asp3wkp7q"))
(define rust-rand-0.10.4
  (crate-source "rand" "0.10.4"
                "04cv998yj3apwm1hcizych49yl6bhbzc613g8s8aavkyqrvs4vwg"))
(define rust-rand-core-0.10.1
  (crate-source "rand_core" "0.10.1"
                "0s9wiacxrr100icl7i41308gcj85nlcclrc5jx1jd6p10dhigf33"))
(define rust-rand-pcg-0.10.3
  (crate-source "rand_pcg" "0.10.3"
                "1psj03xmmg8qv87dxy1f0bkcyg19c6r4p659mrljqihl3qm8i5gb"))
(define rust-rand-xorshift-0.5.0
  (crate-source "rand_xorshift" "0.5.0"
                "1krcvzh8zb8ps8hy86lkj1wcr9zqcmp2xq0j60r72a731gw6mak0"))
(define rust-redox-syscall-0.5.18
  (crate-source "redox_syscall" "0.5.18"
                "0b9n38zsxylql36vybw18if68yc9jczxmbyzdwyhb9sifmag4azd"))
(define rust-regex-syntax-0.8.12
  (crate-source "regex-syntax" "0.8.12"
                "1xplhpgv7827jixdkhh17y899s8irsh5hwmrrb1y9898d9p080nr"))
(define rust-reqwest-0.12.28
  (crate-source "reqwest" "0.12.28"
                "0iqidijghgqbzl3bjg5hb4zmigwa4r612bgi0yiq0c90b6jkrpgd"))
(define rust-ring-0.17.14
  (crate-source "ring" "0.17.14"
                "1dw32gv19ccq4hsx3ribhpdzri1vnrlcfqb2vj41xn4l49n9ws54"))
(define rust-rustc-hash-2.1.3
  (crate-source "rustc-hash" "2.1.3"
                "0bbla578m87qmf3yr55q49l97gxn7z0ha1dwqlnvwwc58ad7y7kb"))
(define rust-rustix-1.1.6
  (crate-source "rustix" "1.1.6"
                "1ajqv2zxmfms30hhvp5bdzpixn5xqnz7s871vpa56h99wm16grz5"))
(define rust-rustls-0.23.46
  (crate-source "rustls" "0.23.46"
                "1pwg7i8drr70374amj96952cils9mpwyijd5rx1mqdp9q3c3pqa8"))
(define rust-rustls-native-certs-0.8.5
  (crate-source "rustls-native-certs" "0.8.5"
                "1i5f916arhb4gc5qipmn6d8p81q87fv549xda969i7s6qxfky1sa"))
(define rust-rustls-pki-types-1.16.0
  (crate-source "rustls-pki-types" "1.16.0"
                "1yv38vs71zaxmmx8cx0w8gm0sgi5yn96bzqw3z3dh1kvvvvkabqh"))
(define rust-rustls-webpki-0.103.17
  (crate-source "rustls-webpki" "0.103.17"
                "1m9zhn7hxx8xkn16833cd6634z6l045rf72sr8zq453wi057d873"))
(define rust-rustversion-1.0.23
  (crate-source "rustversion" "1.0.23"
                "07z2a843fs80fawwflj9jwn49k9b0bd0dhhbvy0ar69vaxd72m6g"))
(define rust-rusty-fork-0.3.1
  (crate-source "rusty-fork" "0.3.1"
                "1qkf9rvz2irb1wlbkrhrns8n9hnax48z1lgql5nqyr2fyagzfsyc"))
(define rust-ryu-1.0.23
  (crate-source "ryu" "1.0.23"
                "0zs70sg00l2fb9jwrf6cbkdyscjs53anrvai2hf7npyyfi5blx4p"))
(define rust-schannel-0.1.30
  (crate-source "schannel" "0.1.30"
                "1das969n0zgq630zx56mcw062aky4g57fdl19nxl3s4f9m13rclw"))
(define rust-scopeguard-1.2.0
  (crate-source "scopeguard" "1.2.0"
                "0jcz9sd47zlsgcnm1hdw0664krxwb5gczlif4qngj2aif8vky54l"))
(define rust-security-framework-3.7.0
  (crate-source "security-framework" "3.7.0"
                "07fd0j29j8yczb3hd430vwz784lx9knb5xwbvqna1nbkbivvrx5p"))
(define rust-security-framework-sys-2.17.0
  (crate-source "security-framework-sys" "2.17.0"
                "1qr0w0y9iwvmv3hwg653q1igngnc5b74xcf0679cbv23z0fnkqkc"))
(define rust-serde-1.0.229
  (crate-source "serde" "1.0.229"
                "1fp04fq4a79bpm61xz1zy0pbz4kpc7d771zii1k3inmszq55jj21"))
(define rust-serde-big-array-0.5.1
  (crate-source "serde-big-array" "0.5.1"
                "0zsb9s9rcca3408kg20c6xpx917c9vbbnap5gvrf0wvdqz17rz0i"))
(define rust-serde-core-1.0.229
  (crate-source "serde_core" "1.0.229"
                "0j1ajiha76h3nmd976il9li6975k121xa7jb39ws8n0yqp4s5p37"))
(define rust-serde-derive-1.0.229
  (crate-source "serde_derive" "1.0.229"
                "0j4k63i7h1bikxwz2c89ig0hrwbnl9mz1czn85xx99x5cc9dg9g7"))
(define rust-serde-json-1.0.154
  (crate-source "serde_json" "1.0.154"
                "1mjby21g8fxhrsfp73yz8wg6n2f4h23ah0nczds409l53f5wrsg7"))
(define rust-serde-spanned-1.1.3
  (crate-source "serde_spanned" "1.1.3"
                "10mpm2i41lx4jnp530fjk942myplsibbm302mx8cawcl6q57w64w"))
(define rust-serde-urlencoded-0.7.1
  (crate-source "serde_urlencoded" "0.7.1"
                "1zgklbdaysj3230xivihs30qi5vkhigg323a9m62k8jwf4a1qjfk"))
(define rust-sharded-slab-0.1.7
  (crate-source "sharded-slab" "0.1.7"
                "1xipjr4nqsgw34k7a2cgj9zaasl2ds6jwn89886kww93d32a637l"))
(define rust-shlex-2.0.1
  (crate-source "shlex" "2.0.1"
                "1fjsll1cd7d2bcpdij9kd6w62rpbc7qqzvydvs021vsmr1cxvypq"))
(define rust-signal-hook-registry-1.4.8
  (crate-source "signal-hook-registry" "1.4.8"
                "06vc7pmnki6lmxar3z31gkyg9cw7py5x9g7px70gy2hil75nkny4"))
(define rust-slab-0.4.12
  (crate-source "slab" "0.4.12"
                "1xcwik6s6zbd3lf51kkrcicdq2j4c1fw0yjdai2apy9467i0sy8c"))
(define rust-smallvec-1.16.6
  (crate-source "smallvec" "1.16.6"
                "0nbvgy2346gisl3kj8hh2dxvplhgzysx2mgcj2frbpnm6ljm8i1j"))
(define rust-socket2-0.6.5
  (crate-source "socket2" "0.6.5"
                "1m7diygswpvlpvrxd6ap169nxgax014jr8220nqlr3bzyb3y5lf3"))
(define rust-stable-deref-trait-1.2.1
  (crate-source "stable_deref_trait" "1.2.1"
                "15h5h73ppqyhdhx6ywxfj88azmrpml9gl6zp3pwy2malqa6vxqkc"))
(define rust-stacker-0.1.25
  (crate-source "stacker" "0.1.25"
                "0rwrws4iyh8cay7pghzf2dy55pprwfn1vm805f5czfh6cza4jzvh"))
(define rust-strsim-0.10.0
  (crate-source "strsim" "0.10.0"
                "08s69r4rcrahwnickvi0kq49z524ci50capybln83mg6b473qivk"))
(define rust-strsim-0.11.1
  (crate-source "strsim" "0.11.1"
                "0kzvqlw8hxqb7y598w1s0hxlnmi84sg5vsipp3yg5na5d1rvba3x"))
(define rust-subtle-2.6.1
  (crate-source "subtle" "2.6.1"
                "14ijxaymghbl1p0wql9cib5zlwiina7kall6w7g89csprkgbvhhk"))
(define rust-syn-1.0.109
  (crate-source "syn" "1.0.109"
                "0ds2if4600bd59wsv7jjgfkayfzy3hnazs394kz6zdkmna8l3dkj"))
(define rust-syn-2.0.119
  (crate-source "syn" "2.0.119"
                "15vjy620l91a3q4n4f4gzhnflmdr6pnm38v2m6cpk86i8av32a47"))
(define rust-syn-3.0.10
  (crate-source "syn" "3.0.10"
                "0ygaz8ccgap0vb0faifk1xv1p2sayg490r038fab1c57lfzcrsaa"))
(define rust-sync-wrapper-1.0.2
  (crate-source "sync_wrapper" "1.0.2"
                "0qvjyasd6w18mjg5xlaq5jgy84jsjfsvmnn12c13gypxbv75dwhb"))
(define rust-synstructure-0.14.0
  (crate-source "synstructure" "0.14.0"
                "00kzyz38xqvs7x1dn6rp64y0ckly4m7ywf3qk3qkgqfzs3nh85wh"))
(define rust-target-lexicon-0.13.5
  (crate-source "target-lexicon" "0.13.5"
                "1jm6lmf9hsn7ri2d6v9gg6fy24lylhskh6pbxh71f82wdxd97dmd"))
(define rust-tempfile-3.27.0
  (crate-source "tempfile" "3.27.0"
                "1gblhnyfjsbg9wjg194n89wrzah7jy3yzgnyzhp56f3v9jd7wj9j"))
(define rust-thiserror-1.0.69
  (crate-source "thiserror" "1.0.69"
                "0lizjay08agcr5hs9yfzzj6axs53a2rgx070a1dsi3jpkcrzbamn"))
(define rust-thiserror-2.0.21
  (crate-source "thiserror" "2.0.21"
                "17hq1lh5dyr3bkc7zzjrbrp4qgkvhc48kgq1n5fdxkindaw2rr89"))
(define rust-thiserror-impl-1.0.69
  (crate-source "thiserror-impl" "1.0.69"
                "1h84fmn2nai41cxbhk6pqf46bxqq1b344v8yz089w1chzi76rvjg"))
(define rust-thiserror-impl-2.0.21
  (crate-source "thiserror-impl" "2.0.21"
                "0945n8agp7kg6n6b35yyjb4g5xv2q22vrw15h6jj1nw76a99flgy"))
(define rust-thread-local-1.1.10
  (crate-source "thread_local" "1.1.10"
                "0w20g2pfdcp8pz3gds0bzksv6mxk802szca8qlr3701jdm69rn8s"))
(define rust-tinystr-0.8.5
  (crate-source "tinystr" "0.8.5"
                "06l0g5wy57a43bd1qvk92xd5dpnz3qk949vbx3wmhk8m73141j5b"))
(define rust-tinyvec-1.13.3
  (crate-source "tinyvec" "1.13.3"
                "1vphg4gnlpykjy5h4v7r8nl38ij4zr9qyh7qd34ddvwjyqaa6g7x"))
(define rust-tokio-1.54.1
  (crate-source "tokio" "1.54.1"
                "18wn0c3yvy6ld8yis0fw6rqkc4rwnmv5mav4fan6zljqa8jx6bxm"))
(define rust-tokio-macros-2.7.2
  (crate-source "tokio-macros" "2.7.2"
                "03kvy2r5gr4zccm4vdx8vvv3q69kbjc1b006rs11aibz74m3lxvq"))
(define rust-tokio-rustls-0.26.6
  (crate-source "tokio-rustls" "0.26.6"
                "1nq5s413p6hkwrgjrpag1gi2mnjajpbszqhmhbpnkmfdq9w2dk69"))
(define rust-toml-0.9.12+spec-1.1.0
  (crate-source "toml" "0.9.12+spec-1.1.0"
                "0qwqbrymqn88mg2yqyq3rj52z6p20448z0jxdbpjsbpwg5g894ng"))
(define rust-toml-datetime-0.7.5+spec-1.1.0
  (crate-source "toml_datetime" "0.7.5+spec-1.1.0"
                "0iqkgvgsxmszpai53dbip7sf2igic39s4dby29dbqf1h9bnwzqcj"))
(define rust-toml-datetime-1.1.3+spec-1.1.0
  (crate-source "toml_datetime" "1.1.3+spec-1.1.0"
                "0jbfdgsl0vw6f394cifqm62d8q0aiiima891v2i7c8fdhg42agqp"))
(define rust-toml-edit-0.25.20+spec-1.1.0
  (crate-source "toml_edit" "0.25.20+spec-1.1.0"
                "0wwf7cq3574plx88970km5jp7x483akmny8p7rcddnyn07i60qz7"))
(define rust-toml-parser-1.1.6+spec-1.1.0
  (crate-source "toml_parser" "1.1.6+spec-1.1.0"
                "0cgayl788yfspv6xbxs71w8wk74s8c67fdvbdilk1fki5m2rqxp6"))
(define rust-toml-writer-1.2.0+spec-1.1.0
  (crate-source "toml_writer" "1.2.0+spec-1.1.0"
                "0fp14qh313y31pqddn2bhk01l7ygx70f9fxfhgpma77i01vvp780"))
(define rust-tower-0.5.3
  (crate-source "tower" "0.5.3"
                "1m5i3a2z1sgs8nnz1hgfq2nr4clpdmizlp1d9qsg358ma5iyzrgb"))
(define rust-tower-http-0.6.11
  (crate-source "tower-http" "0.6.11"
                "0h08wjgs3hwnq11iwwzlmnabn1h4cl0fzd48svaccvqffkiggz2c"))
(define rust-tower-layer-0.3.3
  (crate-source "tower-layer" "0.3.3"
                "03kq92fdzxin51w8iqix06dcfgydyvx7yr6izjq0p626v9n2l70j"))
(define rust-tower-service-0.3.3
  (crate-source "tower-service" "0.3.3"
                "1hzfkvkci33ra94xjx64vv3pp0sq346w06fpkcdwjcid7zhvdycd"))
(define rust-tracing-0.1.44
  (crate-source "tracing" "0.1.44"
                "006ilqkg1lmfdh3xhg3z762izfwmxcvz0w7m4qx2qajbz9i1drv3"))
(define rust-tracing-core-0.1.36
  (crate-source "tracing-core" "0.1.36"
                "16mpbz6p8vd6j7sf925k9k8wzvm9vdfsjbynbmaxxyq6v7wwm5yv"))
(define rust-tracing-serde-0.2.0
  (crate-source "tracing-serde" "0.2.0"
                "1wbgzi364vzfswfkvy48a3p0z5xmv98sx342r57sil70ggmiljvh"))
(define rust-tracing-subscriber-0.3.23
  (crate-source "tracing-subscriber" "0.3.23"
                "06fkr0qhggvrs861d7f74pn3i3a10h5jsp4n70jj9ys5b675fzyb"))
(define rust-try-lock-0.2.5
  (crate-source "try-lock" "0.2.5"
                "0jqijrrvm1pyq34zn1jmy2vihd4jcrjlvsh4alkjahhssjnsn8g4"))
(define rust-unarray-0.1.4
  (crate-source "unarray" "0.1.4"
                "154smf048k84prsdgh09nkm2n0w0336v84jd4zikyn6v6jrqbspa"))
(define rust-unicode-ident-1.0.27
  (crate-source "unicode-ident" "1.0.27"
                "0qv54hz0sxmspjyr162z3435pnyylzjjhx3j4k1s359pqgb59ix2"))
(define rust-untrusted-0.9.0
  (crate-source "untrusted" "0.9.0"
                "1ha7ib98vkc538x0z60gfn0fc5whqdd85mb87dvisdcaifi6vjwf"))
(define rust-url-2.5.8
  (crate-source "url" "2.5.8"
                "1v8f7nx3hpr1qh76if0a04sj08k86amsq4h8cvpw6wvk76jahrzz"))
(define rust-utf8-iter-1.1.0
  (crate-source "utf8_iter" "1.1.0"
                "1w7d0f7xc46qfmb7m6zy5y6in1mblmzbhcyhx766zhkiwp9xjfxg"))
(define rust-utf8parse-0.2.2
  (crate-source "utf8parse" "0.2.2"
                "088807qwjq46azicqwbhlmzwrbkz7l4hpw43sdkdyyk524vdxaq6"))
(define rust-utf-types-1.0.0
  (crate-source "utf_types" "1.0.0"
                "1dhbsnxfxxbg9a13anjfax5i7jyd51nkngs5g1r3c2lqhr944frs"))
(define rust-valuable-0.1.1
  (crate-source "valuable" "0.1.1"
                "0r9srp55v7g27s5bg7a2m095fzckrcdca5maih6dy9bay6fflwxs"))
(define rust-wait-timeout-0.2.1
  (crate-source "wait-timeout" "0.2.1"
                "04azqv9mnfxgvnc8j2wp362xraybakh2dy1nj22gj51rdl93pb09"))
(define rust-want-0.3.2
  (crate-source "want" "0.3.2"
                "02zdlaqarwm9x3z1l0vm61mv8f6mv0kp4izgnxlfibqhv46xsk7c"))
(define rust-wasi-0.11.1+wasi-snapshot-preview1
  (crate-source "wasi" "0.11.1+wasi-snapshot-preview1"
                "0jx49r7nbkbhyfrfyhz0bm4817yrnxgd3jiwwwfv0zl439jyrwyc"))
(define rust-wasm-bindgen-0.2.130
  (crate-source "wasm-bindgen" "0.2.130"
                "071xi9mqha1vdrxsjgndjgcf0azkl8g5yahkn2qbiiynvla1q650"))
(define rust-wasm-bindgen-futures-0.4.80
  (crate-source "wasm-bindgen-futures" "0.4.80"
                "00f5mq5rx8wzbq98svcjbb4r79i7k15d08nb1kb8ldmmghrf052y"))
(define rust-wasm-bindgen-macro-0.2.130
  (crate-source "wasm-bindgen-macro" "0.2.130"
                "1ncfybmdiczbsjz8a257a13k8n7dnl15khvgjrkbzgcslc11m4vf"))
(define rust-wasm-bindgen-macro-support-0.2.130
  (crate-source "wasm-bindgen-macro-support" "0.2.130"
                "0fm58fh6gkhlmi15rhzvcgz35x5s6kkvi9ik3s1vsmg4h11bb91c"))
(define rust-wasm-bindgen-shared-0.2.130
  (crate-source "wasm-bindgen-shared" "0.2.130"
                "17iq85zyk1z7hq533c0apj5ix0y0ks35fbszxv31cl3jk0vrq7rv"))
(define rust-web-sys-0.3.107
  (crate-source "web-sys" "0.3.107"
                "125b0y934gyfwjkd60wnqjf2irmx250dar6vwinhzv7mdxcpklfp"))
(define rust-web-time-0.2.4
  (crate-source "web-time" "0.2.4"
                "1q6gk0nkwbfz30g1pz8g52mq00zjx7m5im36k3474aw73jdh8c5a"))
(define rust-web-time-1.1.0
  (crate-source "web-time" "1.1.0"
                "1fx05yqx83dhx628wb70fyy10yjfq1jpl20qfqhdkymi13rq0ras"))
(define rust-webpki-roots-1.0.10
  (crate-source "webpki-roots" "1.0.10"
                "1na80y0p8a3dk62brj7fx1kscjhf52vlxrxzbbbcg3x3r0h8w70w"))
(define rust-windows-link-0.2.1
  (crate-source "windows-link" "0.2.1"
                "1rag186yfr3xx7piv5rg8b6im2dwcf8zldiflvb22xbzwli5507h"))
(define rust-windows-sys-0.52.0
  (crate-source "windows-sys" "0.52.0"
                "0gd3v4ji88490zgb6b5mq5zgbvwv7zx1ibn8v3x83rwcdbryaar8"))
(define rust-windows-sys-0.61.2
  (crate-source "windows-sys" "0.61.2"
                "1z7k3y9b6b5h52kid57lvmvm05362zv1v8w0gc7xyv5xphlp44xf"))
(define rust-windows-targets-0.52.6
  (crate-source "windows-targets" "0.52.6"
                "0wwrx625nwlfp7k93r2rra568gad1mwd888h1jwnl0vfg5r4ywlv"))
(define rust-windows-aarch64-gnullvm-0.52.6
  (crate-source "windows_aarch64_gnullvm" "0.52.6"
                "1lrcq38cr2arvmz19v32qaggvj8bh1640mdm9c2fr877h0hn591j"))
(define rust-windows-aarch64-msvc-0.52.6
  (crate-source "windows_aarch64_msvc" "0.52.6"
                "0sfl0nysnz32yyfh773hpi49b1q700ah6y7sacmjbqjjn5xjmv09"))
(define rust-windows-i686-gnu-0.52.6
  (crate-source "windows_i686_gnu" "0.52.6"
                "02zspglbykh1jh9pi7gn8g1f97jh1rrccni9ivmrfbl0mgamm6wf"))
(define rust-windows-i686-gnullvm-0.52.6
  (crate-source "windows_i686_gnullvm" "0.52.6"
                "0rpdx1537mw6slcpqa0rm3qixmsb79nbhqy5fsm3q2q9ik9m5vhf"))
(define rust-windows-i686-msvc-0.52.6
  (crate-source "windows_i686_msvc" "0.52.6"
                "0rkcqmp4zzmfvrrrx01260q3xkpzi6fzi2x2pgdcdry50ny4h294"))
(define rust-windows-x86-64-gnu-0.52.6
  (crate-source "windows_x86_64_gnu" "0.52.6"
                "0y0sifqcb56a56mvn7xjgs8g43p33mfqkd8wj1yhrgxzma05qyhl"))
(define rust-windows-x86-64-gnullvm-0.52.6
  (crate-source "windows_x86_64_gnullvm" "0.52.6"
                "03gda7zjx1qh8k9nnlgb7m3w3s1xkysg55hkd1wjch8pqhyv5m94"))
(define rust-windows-x86-64-msvc-0.52.6
  (crate-source "windows_x86_64_msvc" "0.52.6"
                "1v7rb5cibyzx8vak29pdrk8nx9hycsjs4w0jgms08qk49jl6v7sq"))
(define rust-winnow-0.7.15
  (crate-source "winnow" "0.7.15"
                "0i9rkl2rqpbnnxlgs20gmkj3nd0b2k8q55mjmpc2ybb84xwxjyfz"))
(define rust-winnow-1.0.5
  (crate-source "winnow" "1.0.5"
                "1vvs4zmisyxxp1igpjpi87z26d6wl3q98shcvx68gazhklcr6fwc"))
(define rust-writeable-0.6.4
  (crate-source "writeable" "0.6.4"
                "1p3r4s4wbf3dksfpj3xyrn7id5p0f7r74mj6qx6ngjfd6cm2vn1s"))
(define rust-yoke-0.8.4
  (crate-source "yoke" "0.8.4"
                "1cs06ci8h7pdhr3wzwrnslmc0cb9fhd571awsbdvf063yvyg6zj1"))
(define rust-yoke-derive-0.8.4
  (crate-source "yoke-derive" "0.8.4"
                "0wbdvvdv9birwxrr9ynxj0k7as0f0ci7ihhck34yi09nvgibv3pc"))
(define rust-zerofrom-0.1.8
  (crate-source "zerofrom" "0.1.8"
                "0wjjdj7gdmd0iq91gzkxl7dlv0nhkk80l4bmdpzh3a1yh48mmh0f"))
(define rust-zerofrom-derive-0.1.8
  (crate-source "zerofrom-derive" "0.1.8"
                "0jhdy4p9c6ja3dynsdck14g2iilq8ai5ch6nsi455x67ys1lcnzp"))
(define rust-zeroize-1.9.2
  (crate-source "zeroize" "1.9.2"
                "1an5zxp4cnc9gz1zyygxylndsmvmkzagqjndlkma3aq5925gzk45"))
(define rust-zerotrie-0.2.5
  (crate-source "zerotrie" "0.2.5"
                "0gss16krjzk22m57dz5hkdjg99ibj6pa41qr68na7w1jpp1nk8jf"))
(define rust-zerovec-0.11.9
  (crate-source "zerovec" "0.11.9"
                "0h3amsfmvqx93grkpy576z5r7nwfxx9bvvd8gq66g8g9rycjg2pm"))
(define rust-zerovec-derive-0.11.7
  (crate-source "zerovec-derive" "0.11.7"
                "0ypr1gq2nvb4mvwawcgyknbn408dsjcy3qhsrllxjf3pykdksx63"))
(define rust-zmij-1.0.23
  (crate-source "zmij" "1.0.23"
                "06zwri21nnrl34rwinmvbciap8yk1mrl8qfg9pff7lgspc56sri9"))

(define %eclexia-crates
  (list rust-amd-0.2.2
        rust-anstream-1.0.0
        rust-anstyle-1.0.14
        rust-anstyle-parse-1.0.0
        rust-anstyle-query-1.1.5
        rust-anstyle-wincon-3.0.11
        rust-ar-archive-writer-0.5.1
        rust-atomic-waker-1.1.2
        rust-autocfg-1.5.1
        rust-axum-0.8.9
        rust-axum-core-0.5.6
        rust-base64-0.22.1
        rust-base64-0.23.1
        rust-bit-set-0.11.1
        rust-bit-vec-0.10.2
        rust-bitflags-2.13.2
        rust-borsh-1.8.1
        rust-borsh-derive-1.8.1
        rust-bumpalo-3.20.4
        rust-bytes-1.12.2
        rust-cbindgen-0.29.4
        rust-cc-1.11.3
        rust-cfg-if-1.0.5
        rust-cfg-aliases-0.2.2
        rust-chacha20-0.10.2
        rust-clap-4.6.9
        rust-clap-builder-4.6.7
        rust-clap-derive-4.6.9
        rust-clap-lex-1.1.2
        rust-clarabel-0.11.1
        rust-colorchoice-1.0.5
        rust-core-foundation-0.10.1
        rust-core-foundation-sys-0.8.7
        rust-core-detect-1.0.0
        rust-cpufeatures-0.3.1
        rust-crc32fast-1.5.5
        rust-darling-0.14.4
        rust-darling-core-0.14.4
        rust-darling-macro-0.14.4
        rust-derive-builder-0.11.2
        rust-derive-builder-core-0.11.2
        rust-derive-builder-macro-0.11.2
        rust-displaydoc-0.2.7
        rust-dtoa-1.0.11
        rust-either-1.19.0
        rust-enum-dispatch-0.3.13
        rust-equivalent-1.0.3
        rust-errno-0.3.15
        rust-escape8259-0.5.4
        rust-fastrand-2.5.0
        rust-find-msvc-tools-0.1.15
        rust-fnv-1.0.7
        rust-form-urlencoded-1.2.2
        rust-futures-channel-0.3.34
        rust-futures-core-0.3.34
        rust-futures-io-0.3.34
        rust-futures-sink-0.3.34
        rust-futures-task-0.3.34
        rust-futures-util-0.3.34
        rust-getrandom-0.2.17
        rust-getrandom-0.4.3
        rust-good-lp-1.15.3
        rust-hashbrown-0.17.2
        rust-heck-0.5.0
        rust-http-1.5.0
        rust-http-body-1.1.0
        rust-http-body-util-0.1.5
        rust-httparse-1.10.1
        rust-httpdate-1.0.3
        rust-hyper-1.12.0
        rust-hyper-rustls-0.27.10
        rust-hyper-util-0.1.21
        rust-icu-collections-2.1.1
        rust-icu-locale-core-2.1.1
        rust-icu-normalizer-2.1.1
        rust-icu-normalizer-data-2.1.1
        rust-icu-properties-2.1.2
        rust-icu-properties-data-2.1.2
        rust-icu-provider-2.1.1
        rust-ident-case-1.0.1
        rust-idna-1.1.0
        rust-idna-adapter-1.2.1
        rust-indexmap-2.14.2
        rust-ipnet-2.12.2
        rust-is-terminal-polyfill-1.70.2
        rust-itertools-0.11.0
        rust-itoa-1.0.19
        rust-js-sys-0.3.107
        rust-lazy-static-1.5.1
        rust-libc-0.2.191
        rust-libmimalloc-sys-0.1.49
        rust-libtest-mimic-0.8.2
        rust-linux-raw-sys-0.12.1
        rust-litemap-0.8.3
        rust-lock-api-0.4.14
        rust-log-0.4.35
        rust-lru-slab-0.1.3
        rust-matchit-0.8.4
        rust-memchr-2.8.3
        rust-mimalloc-0.1.52
        rust-mime-0.3.18
        rust-mio-1.2.5
        rust-nu-ansi-term-0.50.3
        rust-num-traits-0.2.19
        rust-object-0.37.3
        rust-once-cell-1.21.4
        rust-once-cell-polyfill-1.70.2
        rust-openssl-probe-0.2.2
        rust-parking-lot-0.12.5
        rust-parking-lot-core-0.9.12
        rust-percent-encoding-2.3.2
        rust-pin-project-lite-0.2.18
        rust-portable-atomic-1.15.0
        rust-potential-utf-0.1.6
        rust-proc-macro-crate-3.5.0
        rust-proc-macro2-1.0.107
        rust-prometheus-client-0.24.1
        rust-prometheus-client-derive-encode-0.5.1
        rust-proptest-1.12.0
        rust-psm-0.1.31
        rust-pyo3-0.30.1
        rust-pyo3-build-config-0.30.1
        rust-pyo3-ffi-0.30.1
        rust-pyo3-macros-0.30.1
        rust-pyo3-macros-backend-0.30.1
        rust-quick-error-1.2.3
        rust-quinn-0.11.12
        rust-quinn-proto-0.11.19
        rust-quinn-udp-0.5.16
        rust-quote-1.0.47
        rust-r-efi-6.0.0
        rust-rand-0.10.4
        rust-rand-core-0.10.1
        rust-rand-pcg-0.10.3
        rust-rand-xorshift-0.5.0
        rust-redox-syscall-0.5.18
        rust-regex-syntax-0.8.12
        rust-reqwest-0.12.28
        rust-ring-0.17.14
        rust-rustc-hash-2.1.3
        rust-rustix-1.1.6
        rust-rustls-0.23.46
        rust-rustls-native-certs-0.8.5
        rust-rustls-pki-types-1.16.0
        rust-rustls-webpki-0.103.17
        rust-rustversion-1.0.23
        rust-rusty-fork-0.3.1
        rust-ryu-1.0.23
        rust-schannel-0.1.30
        rust-scopeguard-1.2.0
        rust-security-framework-3.7.0
        rust-security-framework-sys-2.17.0
        rust-serde-1.0.229
        rust-serde-big-array-0.5.1
        rust-serde-core-1.0.229
        rust-serde-derive-1.0.229
        rust-serde-json-1.0.154
        rust-serde-spanned-1.1.3
        rust-serde-urlencoded-0.7.1
        rust-sharded-slab-0.1.7
        rust-shlex-2.0.1
        rust-signal-hook-registry-1.4.8
        rust-slab-0.4.12
        rust-smallvec-1.16.6
        rust-socket2-0.6.5
        rust-stable-deref-trait-1.2.1
        rust-stacker-0.1.25
        rust-strsim-0.10.0
        rust-strsim-0.11.1
        rust-subtle-2.6.1
        rust-syn-1.0.109
        rust-syn-2.0.119
        rust-syn-3.0.10
        rust-sync-wrapper-1.0.2
        rust-synstructure-0.14.0
        rust-target-lexicon-0.13.5
        rust-tempfile-3.27.0
        rust-thiserror-1.0.69
        rust-thiserror-2.0.21
        rust-thiserror-impl-1.0.69
        rust-thiserror-impl-2.0.21
        rust-thread-local-1.1.10
        rust-tinystr-0.8.5
        rust-tinyvec-1.13.3
        rust-tokio-1.54.1
        rust-tokio-macros-2.7.2
        rust-tokio-rustls-0.26.6
        rust-toml-0.9.12+spec-1.1.0
        rust-toml-datetime-0.7.5+spec-1.1.0
        rust-toml-datetime-1.1.3+spec-1.1.0
        rust-toml-edit-0.25.20+spec-1.1.0
        rust-toml-parser-1.1.6+spec-1.1.0
        rust-toml-writer-1.2.0+spec-1.1.0
        rust-tower-0.5.3
        rust-tower-http-0.6.11
        rust-tower-layer-0.3.3
        rust-tower-service-0.3.3
        rust-tracing-0.1.44
        rust-tracing-core-0.1.36
        rust-tracing-serde-0.2.0
        rust-tracing-subscriber-0.3.23
        rust-try-lock-0.2.5
        rust-unarray-0.1.4
        rust-unicode-ident-1.0.27
        rust-untrusted-0.9.0
        rust-url-2.5.8
        rust-utf8-iter-1.1.0
        rust-utf8parse-0.2.2
        rust-utf-types-1.0.0
        rust-valuable-0.1.1
        rust-wait-timeout-0.2.1
        rust-want-0.3.2
        rust-wasi-0.11.1+wasi-snapshot-preview1
        rust-wasm-bindgen-0.2.130
        rust-wasm-bindgen-futures-0.4.80
        rust-wasm-bindgen-macro-0.2.130
        rust-wasm-bindgen-macro-support-0.2.130
        rust-wasm-bindgen-shared-0.2.130
        rust-web-sys-0.3.107
        rust-web-time-0.2.4
        rust-web-time-1.1.0
        rust-webpki-roots-1.0.10
        rust-windows-link-0.2.1
        rust-windows-sys-0.52.0
        rust-windows-sys-0.61.2
        rust-windows-targets-0.52.6
        rust-windows-aarch64-gnullvm-0.52.6
        rust-windows-aarch64-msvc-0.52.6
        rust-windows-i686-gnu-0.52.6
        rust-windows-i686-gnullvm-0.52.6
        rust-windows-i686-msvc-0.52.6
        rust-windows-x86-64-gnu-0.52.6
        rust-windows-x86-64-gnullvm-0.52.6
        rust-windows-x86-64-msvc-0.52.6
        rust-winnow-0.7.15
        rust-winnow-1.0.5
        rust-writeable-0.6.4
        rust-yoke-0.8.4
        rust-yoke-derive-0.8.4
        rust-zerofrom-0.1.8
        rust-zerofrom-derive-0.1.8
        rust-zeroize-1.9.2
        rust-zerotrie-0.2.5
        rust-zerovec-0.11.9
        rust-zerovec-derive-0.11.7
        rust-zmij-1.0.23))
;; END crates

(package
  (name "eclexia")
  (version "0.1.0")
  ;; The checkout itself, limited to the files git tracks (no target/, no venvs).
  (source (local-file %source-dir "eclexia-checkout"
                      #:recursive? #t
                      #:select? (git-predicate %source-dir)))
  (build-system cargo-build-system)
  (arguments
   (list
    ;; An application, not a library for other Guix packages.
    #:install-source? #f
    #:cargo-install-paths ''("eclexia-cli")
    ;; eclexia-py is built by maturin for Python, not here (its build needs libpython).
    #:cargo-build-flags ''("--release" "-p" "eclexia-cli")
    #:cargo-test-flags ''("--release" "-p" "eclexia-core" "-p" "eclexia-cli")
    #:phases
    #~(modify-phases %standard-phases
        (add-after 'install 'install-stdlib
          ;; Where the sidecar and `eclexia run` look for the standard library when
          ;; ECLEXIA_STDLIB_PATH names it.
          (lambda _
            (copy-recursively "stdlib"
                              (string-append #$output "/share/eclexia/stdlib")))))))
  (inputs %eclexia-crates)
  (home-page "https://example.invalid/eclexia")
  (synopsis "Resource-aware, carbon-aware programming language and runtime")
  (description
   "Eclexia is an Economics-as-Code language: a program states the energy, time,
carbon and memory it may spend, adaptive functions offer several solutions with
their costs, and the runtime selects the cheapest feasible one with shadow prices
that follow budgets and live grid carbon intensity.  This package provides the
@command{eclexia} command (@code{run}, @code{check}, @code{price}, @code{state}
and the @code{serve} sidecar) and the standard library.")
  (license (list license:expat license:asl2.0)))
