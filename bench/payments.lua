-- wrk script for bench/payments.sh: POST /payments/payment-details/ of
-- 0.01 to the payments named in BENCH_PAYMENTS (comma separated), in
-- turn, so one id is the hottest lock there is (every request queues on
-- one invoice row) and 32 ids spread the load over 32 invoices. Ends
-- with bench/report.lua's BENCH line.
dofile(os.getenv("BENCH_HERE") .. "/report.lua")

local ids = {}
for id in string.gmatch(os.getenv("BENCH_PAYMENTS"), "[^,]+") do
   ids[#ids + 1] = id
end
local n = 0

request = function()
   n = n + 1
   local body = '{"payment_master_id":' .. ids[(n % #ids) + 1]
      .. ',"pay_amount":"0.01","status":"completed"}'
   return wrk.format("POST", nil, {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
   }, body)
end
